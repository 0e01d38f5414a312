// No zod here: the web app's shell decides its navigation with `can` and should not load zod for
// it. The schema is in role-schema.ts.

/** Who a user is in a workspace. API keys carry a role too, chosen when they are made. */
export const ROLES = ['admin', 'marketer', 'sales_rep', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every guarded capability of the API. Routes name one; `can` decides. Adding a
 * permission without deciding it for every role fails to compile.
 */
export const PERMISSIONS = [
  'users:manage',
  'settings:manage',
  'api_keys:manage',
  'flows:read',
  'flows:manage',
  'templates:manage',
  'runs:read',
  'runs:manage',
  'contacts:read',
  'contacts:write',
  'contacts:import',
  'contacts:erase',
  'deals:read',
  'deals:write',
  'tasks:read',
  'tasks:write',
  'audit:read',
  'smoke:run',
  'approvals:read',
  'approvals:decide',
  // Development only: email a contact's reply to a sent email (the outbox's "Simulate reply").
  'replies:simulate',
  // Read Temporal payloads decoded (the Temporal UI's codec server): personal data of runs.
  'payloads:decode',
  // The workspace knowledge base and semantic search (notes and timeline hits follow the contact read rules).
  'knowledge:read',
  'knowledge:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL = 'all' as const;
type Grant = typeof ALL | readonly Permission[];

/**
 * The role matrix. Admins manage users and settings; marketers manage flows and
 * templates; sales reps see and edit contacts, deals and tasks (their own, see
 * OWNERSHIP_SCOPED_ROLES); ops read everything and manage runs.
 */
const GRANTS: Record<Role, Grant> = {
  admin: ALL,
  marketer: [
    'flows:read',
    'flows:manage',
    'templates:manage',
    'runs:read',
    'contacts:read',
    'contacts:write',
    'contacts:import',
    'deals:read',
    'tasks:read',
    'approvals:read',
    'approvals:decide',
    'knowledge:read',
    'knowledge:manage',
    // A marketer tests a sequence's reply branch end to end (the reply is a real email in development).
    'replies:simulate',
  ],
  sales_rep: [
    'flows:read',
    'runs:read',
    'contacts:read',
    'contacts:write',
    'deals:read',
    'deals:write',
    'tasks:read',
    'tasks:write',
    'knowledge:read',
  ],
  ops: [
    'flows:read',
    'runs:read',
    'runs:manage',
    'contacts:read',
    'deals:read',
    'tasks:read',
    'audit:read',
    'smoke:run',
    'approvals:read',
    'payloads:decode',
    'replies:simulate',
    'knowledge:read',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  const grant = GRANTS[role];
  return grant === ALL || grant.includes(permission);
}

/**
 * Roles that see only the records they own: contacts, deals and tasks, and what is about their
 * contacts (notes, timeline, messages, runs and their steps, run signals, enrollments, live
 * events). Others get 404 for such records, as if they did not exist. Companies are shared.
 */
export const OWNERSHIP_SCOPED_ROLES: readonly Role[] = ['sales_rep'];
