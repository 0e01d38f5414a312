import { describe, expect, it } from 'vitest';
import { can, ROLES } from '@cadenza/core';
import { LANDING_PAGE } from './landing-page';

/** The permission each landing page needs (the status page needs none). */
const NEEDS = { '/flows': 'flows:read', '/contacts': 'contacts:read', '/status': null } as const;

describe('landing pages', () => {
  it('sends every role to a page it may open: reps to their leads, ops to the status page', () => {
    for (const role of ROLES) {
      const needed = NEEDS[LANDING_PAGE[role] as keyof typeof NEEDS];
      expect(needed === null || can(role, needed)).toBe(true);
    }
    expect(LANDING_PAGE.sales_rep).toBe('/contacts');
    expect(LANDING_PAGE.ops).toBe('/status');
  });
});
