import type { PlatformFeatures } from '@cadenza/core';
import { cadenzaApi } from './cadenza-api';

/** GET /platform/features (api/src/routes/platform/platform-routes.ts): optional controls this API serves. */
export const platformApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    // Fixed for the life of the API process: fetched once per page load, kept while anything uses it.
    getPlatformFeatures: build.query<PlatformFeatures, void>({
      query: () => '/platform/features',
      keepUnusedDataFor: 3600,
    }),
  }),
});

export const { useGetPlatformFeaturesQuery } = platformApi;
