import type {
  Contact,
  CustomFieldDefinition,
  FlowRun,
  FlowVersion,
  Page,
  SenderOptions,
  TemplateVariableCatalogue,
} from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

export type TemplatePreview = { subject: string; html: string; text: string };
export type StartedTestRun = { enrollmentId: string; workflowId: string; temporalUiUrl?: string };
export type ContactOption = Pick<Contact, 'id' | 'email' | 'firstName' | 'lastName' | 'companyName'>;

/**
 * The designer's own endpoints, injected into the shared API slice so they share its cache,
 * CSRF handling and tags without editing the shared file.
 */
export const designerApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    listVersions: build.query<FlowVersion[], string>({
      query: (flowId) => `/flows/${flowId}/versions`,
      transformResponse: (body: { items: FlowVersion[] }) => body.items,
      // Publishing invalidates 'Flow', which is also when the version list changes.
      providesTags: (_r, _e, flowId) => [{ type: 'Flow', id: flowId }, 'Flow'],
    }),
    customFields: build.query<CustomFieldDefinition[], void>({
      query: () => '/custom-fields',
      transformResponse: (body: { items: CustomFieldDefinition[] }) => body.items,
    }),
    /** Contact, custom-field, company, deal, sender and owner variables, as the renderer knows them. */
    templateVariables: build.query<TemplateVariableCatalogue, void>({
      query: () => '/templates/variables',
    }),
    senderOptions: build.query<SenderOptions, void>({
      query: () => '/sender-options',
    }),
    searchContacts: build.query<ContactOption[], string>({
      query: (q) => ({ url: '/contacts', params: q.trim() ? { q: q.trim(), limit: 20 } : { limit: 20 } }),
      transformResponse: (body: Page<ContactOption>) => body.items,
    }),
    previewTemplate: build.mutation<
      TemplatePreview,
      { subject: string; body: string; contactId: string; fromName?: string }
    >({
      query: (body) => ({ url: '/templates/preview', method: 'POST', body }),
    }),
    /**
     * Whether a just-started run is in the runs projection yet. Asking the list (which is simply
     * empty) rather than the run itself (404 until its first row is written) keeps the console clean.
     */
    runRecorded: build.query<boolean, { flowId: string; contactId: string; enrollmentId: string }>({
      query: ({ flowId, contactId }) => ({ url: '/runs', params: { flowId, contactId, limit: 50 } }),
      transformResponse: (body: { items: FlowRun[] }, _meta, { enrollmentId }) =>
        body.items.some((run) => run.enrollmentId === enrollmentId),
    }),
    startTestRun: build.mutation<StartedTestRun, { flowId: string; contactId: string; version?: number }>({
      query: ({ flowId, ...body }) => ({ url: `/flows/${flowId}/test-runs`, method: 'POST', body }),
    }),
  }),
});

export const {
  useListVersionsQuery,
  useCustomFieldsQuery,
  useTemplateVariablesQuery,
  useSenderOptionsQuery,
  useSearchContactsQuery,
  usePreviewTemplateMutation,
  useStartTestRunMutation,
  useRunRecordedQuery,
} = designerApi;

/** How a contact is named in pickers: name, then email, then id. */
export function contactLabel(contact: ContactOption): string {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  if (name && contact.email) return `${name} <${contact.email}>`;
  return name || contact.email || contact.id;
}
