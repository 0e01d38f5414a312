import type { Role } from '@cadenza/core';

/**
 * Where each role lands after sign-in (and on an unknown path): what it came to do. Marketers and
 * admins build flows; sales reps work their leads (their own contacts); ops watch the platform,
 * whose status page leads to the Temporal UI where runs are inspected.
 */
export const LANDING_PAGE: Record<Role, string> = {
  admin: '/flows',
  marketer: '/flows',
  sales_rep: '/contacts',
  ops: '/status',
};
