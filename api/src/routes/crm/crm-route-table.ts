import type { Role } from '@cadenza/core';
import type { CrmFixture } from './crm-fixture';

/**
 * Every CRM route, with what each role should get when it acts on records it may see.
 * Tenant-isolation and role suites are generated from this table: a new route is one row.
 */
export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (fx: CrmFixture) => string;
  body?: (fx: CrmFixture) => unknown;
  /** Status per role: [admin, marketer, sales_rep, ops]. */
  expect: [number, number, number, number];
  /** Consumes its record: run on a fresh fixture. */
  destructive?: boolean;
  /** Collection route (no record id in the path). */
  collection?: boolean;
}

export const ROLE_ORDER: Role[] = ['admin', 'marketer', 'sales_rep', 'ops'];

const uniq = () => Math.random().toString(36).slice(2, 10);

export const CRM_ROUTES: RouteCase[] = [
  { method: 'GET', path: () => '/contacts', expect: [200, 200, 200, 200], collection: true },
  {
    method: 'POST',
    path: () => '/contacts',
    body: (fx) => ({ firstName: 'N', companyId: fx.companyId }),
    expect: [201, 201, 201, 403],
    collection: true,
  },
  { method: 'GET', path: (fx) => `/contacts/${fx.contactId}`, expect: [200, 200, 200, 200] },
  {
    method: 'PATCH',
    path: (fx) => `/contacts/${fx.contactId}`,
    body: () => ({ title: 'CTO' }),
    expect: [200, 200, 200, 403],
  },
  { method: 'DELETE', path: (fx) => `/contacts/${fx.contactId}`, expect: [204, 204, 204, 403], destructive: true },
  { method: 'GET', path: (fx) => `/contacts/${fx.contactId}/timeline`, expect: [200, 200, 200, 200] },
  { method: 'GET', path: (fx) => `/contacts/${fx.contactId}/score`, expect: [200, 200, 200, 200] },
  {
    method: 'GET',
    path: (fx) => `/contacts/batch?id=${fx.contactId}`,
    expect: [200, 200, 200, 200],
    collection: true,
  },
  {
    method: 'POST',
    path: () => '/contacts/bulk/tags',
    body: (fx) => ({ contactIds: [fx.contactId], add: [`bulk-${uniq()}`] }),
    expect: [200, 200, 200, 403],
    collection: true,
  },
  {
    // To nobody: a sales rep may not hand a contact away, ops may not assign at all.
    method: 'POST',
    path: () => '/contacts/bulk/owner',
    body: (fx) => ({ contactIds: [fx.contactId], ownerId: null }),
    expect: [200, 200, 403, 403],
    collection: true,
    destructive: true,
  },
  { method: 'GET', path: () => '/contacts/export.csv', expect: [200, 200, 200, 200], collection: true },
  { method: 'GET', path: (fx) => `/contacts/${fx.contactId}/gdpr-export`, expect: [200, 403, 403, 403] },
  {
    method: 'DELETE',
    path: (fx) => `/contacts/${fx.contactId}/gdpr-erase`,
    expect: [200, 403, 403, 403],
    destructive: true,
  },

  {
    method: 'POST',
    path: () => '/imports',
    body: () => ({ csv: `Email,First Name\nimp-${uniq()}@example.com,Imp\n` }),
    expect: [201, 201, 403, 403],
    collection: true,
  },
  {
    method: 'POST',
    path: () => '/imports/preview',
    body: () => ({ csv: 'Email,First Name\na@example.com,A\n' }),
    expect: [200, 200, 403, 403],
    collection: true,
  },
  { method: 'GET', path: () => '/imports', expect: [200, 200, 403, 403], collection: true },
  { method: 'GET', path: (fx) => `/imports/${fx.importId}`, expect: [200, 200, 403, 403] },
  { method: 'GET', path: (fx) => `/imports/${fx.importId}/errors`, expect: [200, 200, 403, 403] },

  { method: 'GET', path: () => '/companies', expect: [200, 200, 200, 200], collection: true },
  {
    method: 'POST',
    path: () => '/companies',
    body: () => ({ name: 'New Co' }),
    expect: [201, 201, 201, 403],
    collection: true,
  },
  { method: 'GET', path: (fx) => `/companies/${fx.companyId}`, expect: [200, 200, 200, 200] },
  {
    method: 'PATCH',
    path: (fx) => `/companies/${fx.companyId}`,
    body: () => ({ industry: 'Rockets' }),
    expect: [200, 200, 200, 403],
  },
  { method: 'DELETE', path: (fx) => `/companies/${fx.companyId}`, expect: [204, 204, 204, 403], destructive: true },

  { method: 'GET', path: () => '/pipelines', expect: [200, 200, 200, 200], collection: true },
  {
    method: 'POST',
    path: () => '/pipelines',
    body: () => ({ name: 'P', stages: [{ name: 'A' }] }),
    expect: [201, 403, 403, 403],
    collection: true,
  },
  { method: 'GET', path: (fx) => `/pipelines/${fx.pipelineId}`, expect: [200, 200, 200, 200] },
  {
    method: 'PATCH',
    path: (fx) => `/pipelines/${fx.pipelineId}`,
    body: () => ({ name: 'Renamed' }),
    expect: [200, 403, 403, 403],
  },
  {
    method: 'DELETE',
    path: (fx) => `/pipelines/${fx.emptyPipelineId}`,
    expect: [204, 403, 403, 403],
    destructive: true,
  },
  {
    method: 'POST',
    path: (fx) => `/pipelines/${fx.pipelineId}/stages`,
    body: () => ({ name: 'Won', position: 0 }),
    expect: [201, 403, 403, 403],
  },
  {
    method: 'PATCH',
    path: (fx) => `/pipelines/${fx.pipelineId}/stages/${fx.emptyStageId}`,
    body: () => ({ name: 'Lost', position: 0 }),
    expect: [200, 403, 403, 403],
  },
  {
    method: 'DELETE',
    path: (fx) => `/pipelines/${fx.pipelineId}/stages/${fx.emptyStageId}`,
    expect: [204, 403, 403, 403],
    destructive: true,
  },

  { method: 'GET', path: () => '/deals', expect: [200, 200, 200, 200], collection: true },
  { method: 'GET', path: (fx) => `/deals/stage-summary?pipelineId=${fx.pipelineId}`, expect: [200, 200, 200, 200] },
  {
    method: 'POST',
    path: () => '/deals',
    body: (fx) => ({ name: 'D', pipelineId: fx.pipelineId, stageId: fx.stageId, contactId: fx.contactId }),
    expect: [201, 403, 201, 403],
    collection: true,
  },
  { method: 'GET', path: (fx) => `/deals/${fx.dealId}`, expect: [200, 200, 200, 200] },
  {
    method: 'PATCH',
    path: (fx) => `/deals/${fx.dealId}`,
    body: () => ({ amount: 1200.5 }),
    expect: [200, 403, 200, 403],
  },
  {
    method: 'PATCH',
    path: (fx) => `/deals/${fx.dealId}/stage`,
    body: (fx) => ({ stageId: fx.emptyStageId }),
    expect: [200, 403, 200, 403],
  },
  { method: 'DELETE', path: (fx) => `/deals/${fx.dealId}`, expect: [204, 403, 204, 403], destructive: true },

  { method: 'GET', path: () => '/tasks', expect: [200, 200, 200, 200], collection: true },
  {
    method: 'POST',
    path: () => '/tasks',
    body: (fx) => ({ title: 'T', contactId: fx.contactId, dealId: fx.dealId }),
    expect: [201, 403, 201, 403],
    collection: true,
  },
  { method: 'GET', path: (fx) => `/tasks/${fx.taskId}`, expect: [200, 200, 200, 200] },
  { method: 'PATCH', path: (fx) => `/tasks/${fx.taskId}`, body: () => ({ done: true }), expect: [200, 403, 200, 403] },
  { method: 'DELETE', path: (fx) => `/tasks/${fx.taskId}`, expect: [204, 403, 204, 403], destructive: true },

  { method: 'GET', path: () => '/notes', expect: [200, 200, 200, 200], collection: true },
  {
    method: 'POST',
    path: () => '/notes',
    body: (fx) => ({ contactId: fx.contactId, body: 'hi' }),
    expect: [201, 201, 201, 403],
    collection: true,
  },
  { method: 'GET', path: (fx) => `/notes/${fx.noteId}`, expect: [200, 200, 200, 200] },
  { method: 'DELETE', path: (fx) => `/notes/${fx.noteId}`, expect: [204, 204, 204, 403], destructive: true },

  { method: 'GET', path: () => '/custom-fields', expect: [200, 200, 200, 200], collection: true },
  {
    method: 'POST',
    path: () => '/custom-fields',
    body: () => ({ key: `k_${uniq()}`, label: 'K', type: 'number' }),
    expect: [201, 403, 403, 403],
    collection: true,
  },
  {
    method: 'PATCH',
    path: (fx) => `/custom-fields/${fx.customFieldId}`,
    body: () => ({ label: 'Relabelled' }),
    expect: [200, 403, 403, 403],
  },
  {
    method: 'DELETE',
    path: (fx) => `/custom-fields/${fx.customFieldId}`,
    expect: [204, 403, 403, 403],
    destructive: true,
  },

  { method: 'GET', path: () => '/audit-log', expect: [200, 403, 403, 200], collection: true },
  { method: 'GET', path: () => '/audit-log/export.csv', expect: [200, 403, 403, 200], collection: true },
];
