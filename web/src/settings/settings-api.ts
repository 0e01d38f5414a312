import type {
  ApiKeyView,
  CustomFieldDefinition,
  InvitationView,
  CustomFieldDefinitionCreate,
  InviteUserRequest,
  MailboxCheckResult,
  MailboxCreate,
  MailboxPoolCreate,
  MailboxPoolUpdate,
  MailboxPoolView,
  MailboxUpdate,
  MailboxView,
  Pipeline,
  PipelineCreate,
  Role,
  StageCreate,
  TenantUserView,
} from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

// 'Pipeline' is shared with the deals board, so a stage added here shows there at once.
const api = cadenzaApi.enhanceEndpoints({
  addTagTypes: [
    'SettingsUser',
    'SettingsInvitation',
    'SettingsMailbox',
    'SettingsMailboxPool',
    'SettingsApiKey',
    'SettingsCustomField',
    'Pipeline',
  ],
});

type Items<T> = { items: T[] };
const items = <T>(body: Items<T>) => body.items;

/** Workspace settings: the auth, messaging and CRM routes admins use. Names are prefixed to stay apart from other screens'. */
export const settingsApi = api.injectEndpoints({
  endpoints: (build) => ({
    settingsUsers: build.query<TenantUserView[], void>({
      query: () => '/users',
      transformResponse: items<TenantUserView>,
      providesTags: ['SettingsUser'],
    }),
    // An invitation, pending until the person accepts: the list of users does not change yet.
    settingsInviteUser: build.mutation<InvitationView, InviteUserRequest>({
      query: (body) => ({ url: '/users', method: 'POST', body }),
      invalidatesTags: ['SettingsInvitation'],
    }),
    settingsInvitations: build.query<InvitationView[], void>({
      query: () => '/invitations',
      transformResponse: items<InvitationView>,
      providesTags: ['SettingsInvitation'],
    }),
    settingsRevokeInvitation: build.mutation<void, string>({
      query: (id) => ({ url: `/invitations/${id}`, method: 'DELETE' }),
      invalidatesTags: ['SettingsInvitation'],
    }),
    settingsChangeRole: build.mutation<TenantUserView, { userId: string; role: Role }>({
      query: ({ userId, role }) => ({ url: `/users/${userId}`, method: 'PATCH', body: { role } }),
      invalidatesTags: ['SettingsUser'],
    }),
    settingsRemoveUser: build.mutation<void, string>({
      query: (userId) => ({ url: `/users/${userId}`, method: 'DELETE' }),
      invalidatesTags: ['SettingsUser'],
    }),
    settingsMailboxes: build.query<MailboxView[], void>({
      query: () => '/mailboxes',
      transformResponse: items<MailboxView>,
      providesTags: ['SettingsMailbox'],
    }),
    settingsCreateMailbox: build.mutation<MailboxView, MailboxCreate>({
      query: (body) => ({ url: '/mailboxes', method: 'POST', body }),
      invalidatesTags: ['SettingsMailbox'],
    }),
    settingsUpdateMailbox: build.mutation<MailboxView, { id: string; change: MailboxUpdate }>({
      query: ({ id, change }) => ({ url: `/mailboxes/${id}`, method: 'PATCH', body: change }),
      invalidatesTags: ['SettingsMailbox'],
    }),
    // A removed mailbox leaves its pools too.
    settingsDeleteMailbox: build.mutation<void, string>({
      query: (id) => ({ url: `/mailboxes/${id}`, method: 'DELETE' }),
      invalidatesTags: ['SettingsMailbox', 'SettingsMailboxPool'],
    }),
    settingsMailboxPools: build.query<MailboxPoolView[], void>({
      query: () => '/mailbox-pools',
      transformResponse: items<MailboxPoolView>,
      providesTags: ['SettingsMailboxPool'],
    }),
    settingsCreateMailboxPool: build.mutation<MailboxPoolView, MailboxPoolCreate>({
      query: (body) => ({ url: '/mailbox-pools', method: 'POST', body }),
      invalidatesTags: ['SettingsMailboxPool'],
    }),
    settingsUpdateMailboxPool: build.mutation<MailboxPoolView, { id: string; change: MailboxPoolUpdate }>({
      query: ({ id, change }) => ({ url: `/mailbox-pools/${id}`, method: 'PATCH', body: change }),
      invalidatesTags: ['SettingsMailboxPool'],
    }),
    settingsDeleteMailboxPool: build.mutation<void, string>({
      query: (id) => ({ url: `/mailbox-pools/${id}`, method: 'DELETE' }),
      invalidatesTags: ['SettingsMailboxPool'],
    }),
    settingsSyncMailbox: build.mutation<{ workflowId: string }, string>({
      query: (id) => ({ url: `/mailboxes/${id}/sync`, method: 'POST' }),
      invalidatesTags: ['SettingsMailbox'],
    }),
    settingsTestMailbox: build.mutation<MailboxCheckResult, string>({
      query: (id) => ({ url: `/mailboxes/${id}/test`, method: 'POST' }),
    }),
    settingsApiKeys: build.query<ApiKeyView[], void>({
      query: () => '/api-keys',
      transformResponse: items<ApiKeyView>,
      providesTags: ['SettingsApiKey'],
    }),
    settingsCreateApiKey: build.mutation<{ apiKey: ApiKeyView; secret: string }, { name: string; role: Role }>({
      query: (body) => ({ url: '/api-keys', method: 'POST', body }),
      invalidatesTags: ['SettingsApiKey'],
    }),
    settingsRevokeApiKey: build.mutation<ApiKeyView, string>({
      query: (keyId) => ({ url: `/api-keys/${keyId}`, method: 'DELETE' }),
      invalidatesTags: ['SettingsApiKey'],
    }),
    settingsCustomFields: build.query<CustomFieldDefinition[], void>({
      query: () => '/custom-fields',
      transformResponse: items<CustomFieldDefinition>,
      providesTags: ['SettingsCustomField'],
    }),
    settingsCreateCustomField: build.mutation<CustomFieldDefinition, CustomFieldDefinitionCreate>({
      query: (body) => ({ url: '/custom-fields', method: 'POST', body }),
      invalidatesTags: ['SettingsCustomField'],
    }),
    settingsDeleteCustomField: build.mutation<void, string>({
      query: (id) => ({ url: `/custom-fields/${id}`, method: 'DELETE' }),
      invalidatesTags: ['SettingsCustomField'],
    }),
    settingsPipelines: build.query<Pipeline[], void>({
      query: () => '/pipelines',
      transformResponse: items<Pipeline>,
      providesTags: ['Pipeline'],
    }),
    settingsCreatePipeline: build.mutation<Pipeline, PipelineCreate>({
      query: (body) => ({ url: '/pipelines', method: 'POST', body }),
      invalidatesTags: ['Pipeline'],
    }),
    settingsDeletePipeline: build.mutation<void, string>({
      query: (id) => ({ url: `/pipelines/${id}`, method: 'DELETE' }),
      invalidatesTags: ['Pipeline'],
    }),
    settingsAddStage: build.mutation<unknown, { pipelineId: string; stage: StageCreate }>({
      query: ({ pipelineId, stage }) => ({ url: `/pipelines/${pipelineId}/stages`, method: 'POST', body: stage }),
      invalidatesTags: ['Pipeline'],
    }),
    settingsDeleteStage: build.mutation<void, { pipelineId: string; stageId: string }>({
      query: ({ pipelineId, stageId }) => ({ url: `/pipelines/${pipelineId}/stages/${stageId}`, method: 'DELETE' }),
      invalidatesTags: ['Pipeline'],
    }),
  }),
});

export const {
  useSettingsUsersQuery,
  useSettingsInviteUserMutation,
  useSettingsInvitationsQuery,
  useSettingsRevokeInvitationMutation,
  useSettingsChangeRoleMutation,
  useSettingsRemoveUserMutation,
  useSettingsMailboxesQuery,
  useSettingsCreateMailboxMutation,
  useSettingsDeleteMailboxMutation,
  useSettingsUpdateMailboxMutation,
  useSettingsMailboxPoolsQuery,
  useSettingsCreateMailboxPoolMutation,
  useSettingsUpdateMailboxPoolMutation,
  useSettingsDeleteMailboxPoolMutation,
  useSettingsTestMailboxMutation,
  useSettingsSyncMailboxMutation,
  useSettingsApiKeysQuery,
  useSettingsCreateApiKeyMutation,
  useSettingsRevokeApiKeyMutation,
  useSettingsCustomFieldsQuery,
  useSettingsCreateCustomFieldMutation,
  useSettingsDeleteCustomFieldMutation,
  useSettingsPipelinesQuery,
  useSettingsCreatePipelineMutation,
  useSettingsDeletePipelineMutation,
  useSettingsAddStageMutation,
  useSettingsDeleteStageMutation,
} = settingsApi;
