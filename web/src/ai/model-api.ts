import type { ActiveModel } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

/** GET /ai/model: which model the AI steps use. */
export const modelApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    activeModel: build.query<ActiveModel, void>({ query: () => '/ai/model' }),
  }),
});
