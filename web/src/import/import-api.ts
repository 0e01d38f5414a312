import { useDispatch } from 'react-redux';
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import type { Import, ImportMapping, ImportPreview, ImportRowError, Page } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['Import', 'ImportErrors'] });

/** The file goes as a text/csv body (up to 20 MB; JSON bodies stop at 1 MB), the mapping in the query. */
const csvRequest = (url: string, csv: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return {
    url: query ? `${url}?${query}` : url,
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv' },
  };
};

export const importApi = api.injectEndpoints({
  endpoints: (build) => ({
    previewImport: build.mutation<ImportPreview, { csv: string }>({
      query: ({ csv }) => csvRequest('/imports/preview', csv, {}),
    }),
    startImport: build.mutation<Import, { csv: string; mapping: ImportMapping; fileName?: string }>({
      query: ({ csv, mapping, fileName }) =>
        csvRequest('/imports', csv, { mapping: JSON.stringify(mapping), fileName }),
      invalidatesTags: ['Import'],
    }),
    listImports: build.query<Import[], void>({
      query: () => '/imports?limit=10',
      transformResponse: (body: Page<Import>) => body.items,
      providesTags: ['Import'],
    }),
    getImport: build.query<Import, string>({
      query: (id) => `/imports/${id}`,
      providesTags: (_r, _e, id) => [{ type: 'Import', id }],
    }),
    importErrors: build.query<Page<ImportRowError>, { id: string; cursor?: string }>({
      query: ({ id, cursor }) =>
        `/imports/${id}/errors?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      providesTags: (_r, _e, { id }) => [{ type: 'ImportErrors', id }],
    }),
  }),
});

export const {
  usePreviewImportMutation,
  useStartImportMutation,
  useListImportsQuery,
  useGetImportQuery,
  useImportErrorsQuery,
} = importApi;

type ImportRootState = ReturnType<Parameters<ReturnType<typeof importApi.util.updateQueryData>>[1]>;
/** Dispatch typed for this file's thunks. */
export const useImportDispatch = () => useDispatch<ThunkDispatch<ImportRootState, unknown, UnknownAction>>();
