import { useDispatch } from 'react-redux';
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';

/**
 * Dispatch for thunks of endpoints added with `cadenzaApi.injectEndpoints` in a feature's own
 * file (updateQueryData, initiate): the store's type knows only the base slice's endpoints,
 * so its dispatch refuses their thunks although the running store holds them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the injected slice's state type is not the store's
export const useApiDispatch = () => useDispatch<ThunkDispatch<any, unknown, UnknownAction>>();
