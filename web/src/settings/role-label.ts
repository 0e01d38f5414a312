import type { Role } from '@cadenza/core';

/** How each role reads on screen; its own module so the sign-in page can use it without the settings screens. */
export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin',
  marketer: 'Marketer',
  sales_rep: 'Sales rep',
  ops: 'Ops',
};
