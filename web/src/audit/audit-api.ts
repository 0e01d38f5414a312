import type { AuditEntry, Page } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';
import { auditFilterParams, type AuditFilterForm } from './audit-filter';

/** Entries the list loads at a time; "Load more" brings the next as many. */
export const AUDIT_PAGE_SIZE = 50;

/** GET /audit-log (api/src/routes/crm/audit-routes.ts): newest first, a page at a time by keyset cursor. */
export const auditApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    listAudit: build.infiniteQuery<Page<AuditEntry>, AuditFilterForm, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor,
      },
      query: ({ queryArg, pageParam }) => ({
        url: '/audit-log',
        params: { limit: AUDIT_PAGE_SIZE, ...auditFilterParams(queryArg), ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    }),
  }),
});

export const { useListAuditInfiniteQuery } = auditApi;
