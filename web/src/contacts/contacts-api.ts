import type {
  BulkResult,
  Contact,
  ContactScore,
  ContactUpdate,
  CustomFieldDefinition,
  Deal,
  FlowRun,
  Page,
  SavedView,
  SavedViewCreate,
  SavedViewUpdate,
  Task,
  TimelineEntry,
  WorkspaceMember,
} from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';
import { CONTACT_PAGE_SIZE, contactListSearch, type ContactListArgs } from './contact-query';

export type EnrollOutcome =
  { items: Array<{ contactId: string; status: string }> } | { bulkEnrollmentId: string; contacts: number };

/** The contacts workspace's endpoints, injected into the one API slice so they share its cache and CSRF handling. */
export const contactsApi = cadenzaApi
  .enhanceEndpoints({ addTagTypes: ['Contact', 'ContactView', 'ContactTimeline', 'ContactRelated'] })
  .injectEndpoints({
    endpoints: (build) => ({
      listContacts: build.infiniteQuery<Page<Contact>, ContactListArgs, string | null>({
        infiniteQueryOptions: {
          initialPageParam: null,
          getNextPageParam: (lastPage) => lastPage.nextCursor,
        },
        query: ({ queryArg, pageParam }) =>
          `/contacts?${contactListSearch(queryArg, { cursor: pageParam, limit: CONTACT_PAGE_SIZE })}`,
        providesTags: ['Contact'],
        // Comparing 100,000 loaded rows on every new page costs frames; pages are replaced, not merged.
        structuralSharing: false,
      }),
      contactsByIds: build.query<Contact[], string[]>({
        query: (ids) => `/contacts/batch?id=${ids.map(encodeURIComponent).join(',')}`,
        transformResponse: (body: { items: Contact[] }) => body.items,
        keepUnusedDataFor: 0,
      }),
      getContact: build.query<Contact, string>({
        query: (id) => `/contacts/${id}`,
        providesTags: (_r, _e, id) => [{ type: 'Contact', id }],
      }),
      updateContact: build.mutation<Contact, { id: string; patch: ContactUpdate }>({
        query: ({ id, patch }) => ({ url: `/contacts/${id}`, method: 'PATCH', body: patch }),
        // The page and the list follow through live events; this refreshes the caller's own copy at once.
        invalidatesTags: (_r, error, { id }) =>
          error
            ? []
            : [
                { type: 'Contact', id },
                { type: 'ContactTimeline', id },
              ],
      }),
      contactTimeline: build.query<TimelineEntry[], string>({
        query: (id) => `/contacts/${id}/timeline?limit=100`,
        transformResponse: (body: Page<TimelineEntry>) => body.items,
        providesTags: (_r, _e, id) => [{ type: 'ContactTimeline', id }],
      }),
      contactScore: build.query<ContactScore, string>({
        query: (id) => `/contacts/${id}/score`,
        providesTags: (_r, _e, id) => [{ type: 'ContactRelated', id }],
      }),
      contactDeals: build.query<Deal[], string>({
        query: (id) => `/deals?contactId=${id}&limit=100`,
        transformResponse: (body: Page<Deal>) => body.items,
        providesTags: (_r, _e, id) => [{ type: 'ContactRelated', id }],
      }),
      contactTasks: build.query<Task[], string>({
        query: (id) => `/tasks?contactId=${id}&limit=100`,
        transformResponse: (body: Page<Task>) => body.items,
        providesTags: (_r, _e, id) => [{ type: 'ContactRelated', id }],
      }),
      contactRuns: build.query<FlowRun[], string>({
        query: (id) => `/runs?contactId=${encodeURIComponent(id)}&limit=100`,
        transformResponse: (body: { items: FlowRun[] }) => body.items,
        providesTags: (_r, _e, id) => [{ type: 'ContactRelated', id }],
      }),
      customFields: build.query<CustomFieldDefinition[], void>({
        query: () => '/custom-fields',
        transformResponse: (body: { items: CustomFieldDefinition[] }) => body.items,
      }),
      workspaceMembers: build.query<WorkspaceMember[], void>({
        query: () => '/members',
        transformResponse: (body: { items: WorkspaceMember[] }) => body.items,
      }),
      savedViews: build.query<SavedView[], void>({
        query: () => '/contact-views',
        transformResponse: (body: { items: SavedView[] }) => body.items,
        providesTags: ['ContactView'],
      }),
      createSavedView: build.mutation<SavedView, SavedViewCreate>({
        query: (body) => ({ url: '/contact-views', method: 'POST', body }),
        invalidatesTags: (_r, error) => (error ? [] : ['ContactView']),
      }),
      updateSavedView: build.mutation<SavedView, { id: string; patch: SavedViewUpdate }>({
        query: ({ id, patch }) => ({ url: `/contact-views/${id}`, method: 'PATCH', body: patch }),
        invalidatesTags: (_r, error) => (error ? [] : ['ContactView']),
      }),
      deleteSavedView: build.mutation<void, string>({
        query: (id) => ({ url: `/contact-views/${id}`, method: 'DELETE' }),
        invalidatesTags: ['ContactView'],
      }),
      bulkTag: build.mutation<BulkResult, { contactIds: string[]; add: string[]; remove: string[] }>({
        query: (body) => ({ url: '/contacts/bulk/tags', method: 'POST', body }),
      }),
      bulkAssign: build.mutation<BulkResult, { contactIds: string[]; ownerId: string | null }>({
        query: (body) => ({ url: '/contacts/bulk/owner', method: 'POST', body }),
      }),
      enrollContacts: build.mutation<EnrollOutcome, { flowId: string; contactIds: string[] }>({
        query: ({ flowId, contactIds }) => ({
          url: `/flows/${flowId}/enrollments`,
          method: 'POST',
          body: { contactIds },
        }),
      }),
    }),
  });

export const {
  useListContactsInfiniteQuery,
  useGetContactQuery,
  useUpdateContactMutation,
  useContactTimelineQuery,
  useContactScoreQuery,
  useContactDealsQuery,
  useContactTasksQuery,
  useContactRunsQuery,
  useCustomFieldsQuery,
  useWorkspaceMembersQuery,
  useSavedViewsQuery,
  useCreateSavedViewMutation,
  useUpdateSavedViewMutation,
  useDeleteSavedViewMutation,
  useBulkTagMutation,
  useBulkAssignMutation,
  useEnrollContactsMutation,
} = contactsApi;
