import type { ActivityFixture } from './activity-fixture.test-support';

/**
 * Every route that shows or acts on what flows did to a contact (messages, runs, run
 * signals, enrollments, agent drafts), with what each role gets on records the sales rep
 * owns. The access suites are generated from it, as from CRM_ROUTES: a new route is one row.
 */
export interface ActivityRouteCase {
  method: 'GET' | 'POST';
  path: (fx: ActivityFixture) => string;
  body?: (fx: ActivityFixture) => unknown;
  /** Status per role: [admin, marketer, sales_rep, ops]. */
  expect: [number, number, number, number];
  /** Collection route (no record id in the path). */
  collection?: boolean;
  /** About the contact the fixture's records name: a sales rep who does not own it gets 404. */
  contactScoped?: boolean;
}

/** Signals to a run: ops and admins manage runs. */
const RUN_SIGNALS = ['pause', 'resume', 'skip-wait', 'retry'] as const;

export const ACTIVITY_ROUTES: ActivityRouteCase[] = [
  { method: 'GET', path: () => '/outbox', expect: [200, 200, 200, 200], collection: true },
  { method: 'GET', path: (fx) => `/outbox/${fx.messageId}`, expect: [200, 200, 200, 200], contactScoped: true },
  { method: 'GET', path: (fx) => `/outbox/${fx.messageId}/raw`, expect: [200, 200, 200, 200], contactScoped: true },
  {
    method: 'POST',
    path: (fx) => `/outbox/${fx.messageId}/reply`,
    body: () => ({ text: 'Sounds good' }),
    // replies:simulate: the people who test flows (development only), not sales reps.
    expect: [202, 202, 403, 202],
    contactScoped: true,
  },

  { method: 'GET', path: () => '/runs', expect: [200, 200, 200, 200], collection: true },
  { method: 'GET', path: (fx) => `/runs/${fx.enrollmentId}`, expect: [200, 200, 200, 200], contactScoped: true },
  ...RUN_SIGNALS.map((signal): ActivityRouteCase => ({
    method: 'POST',
    path: (fx) => `/runs/${fx.enrollmentId}/${signal}`,
    expect: [202, 403, 403, 202],
    contactScoped: true,
  })),
  {
    method: 'POST',
    path: (fx) => `/runs/${fx.enrollmentId}/cancel`,
    body: () => ({ reason: 'access test' }),
    expect: [202, 403, 403, 202],
    contactScoped: true,
  },
  {
    method: 'POST',
    path: (fx) => `/runs/${fx.enrollmentId}/unenroll`,
    expect: [202, 202, 202, 403],
    contactScoped: true,
  },
  {
    method: 'POST',
    path: (fx) => `/runs/${fx.enrollmentId}/events`,
    body: () => ({ kind: 'open' }),
    expect: [202, 202, 202, 403],
    contactScoped: true,
  },

  {
    method: 'POST',
    path: (fx) => `/flows/${fx.flowId}/enrollments`,
    body: (fx) => ({ contactIds: [fx.contactId] }),
    expect: [200, 200, 200, 403],
  },
  // The fixture's flow starts manually: a permitted caller is told it takes no webhook.
  {
    method: 'POST',
    path: (fx) => `/flows/${fx.flowId}/webhook`,
    body: (fx) => ({ contactId: fx.contactId }),
    expect: [409, 409, 409, 403],
  },
  { method: 'GET', path: (fx) => `/bulk-enrollments/${fx.bulkEnrollmentId}`, expect: [404, 404, 404, 404] },
  {
    method: 'POST',
    path: (fx) => `/flows/${fx.flowId}/test-runs`,
    body: (fx) => ({ contactId: fx.contactId }),
    expect: [202, 202, 403, 403],
  },

  // Agent drafts name their contact; sales reps have no inbox of them.
  { method: 'GET', path: () => '/approvals', expect: [200, 200, 403, 200], collection: true },
];
