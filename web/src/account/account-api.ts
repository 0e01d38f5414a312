import type { ChangePasswordRequest, MembershipView, MyInvitationView } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['MyInvitation'] });

/** The signed-in person's own account: their password and the invitations sent to them. */
export const accountApi = api.injectEndpoints({
  endpoints: (build) => ({
    myInvitations: build.query<MyInvitationView[], void>({
      query: () => '/auth/invitations',
      transformResponse: (body: { items: MyInvitationView[] }) => body.items,
      providesTags: ['MyInvitation'],
    }),
    // Accepting adds a membership, so the session (and its workspace switch) refreshes too.
    acceptInvitation: build.mutation<MembershipView, string>({
      query: (id) => ({ url: `/auth/invitations/${id}/accept`, method: 'POST' }),
      invalidatesTags: ['MyInvitation', 'Session'],
    }),
    declineInvitation: build.mutation<void, string>({
      query: (id) => ({ url: `/auth/invitations/${id}/decline`, method: 'POST' }),
      invalidatesTags: ['MyInvitation'],
    }),
    changePassword: build.mutation<void, ChangePasswordRequest>({
      query: (body) => ({ url: '/auth/password', method: 'POST', body }),
    }),
  }),
});

export const {
  useMyInvitationsQuery,
  useAcceptInvitationMutation,
  useDeclineInvitationMutation,
  useChangePasswordMutation,
} = accountApi;
