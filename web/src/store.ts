import { configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import { cadenzaApi } from './api/cadenza-api';
import { designerSlice } from './designer/designer-slice';

export function createStore() {
  return configureStore({
    reducer: { [cadenzaApi.reducerPath]: cadenzaApi.reducer, designer: designerSlice.reducer },
    middleware: (getDefault) => getDefault().concat(cadenzaApi.middleware),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
