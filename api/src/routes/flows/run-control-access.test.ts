import type { Principal } from '@cadenza/core';
import { checkMayControlSomeRun, checkRunControl } from './run-control-access';

const as = (role: Principal['role'], userId: string | null = 'u1'): Principal => ({
  tenantId: 't',
  userId,
  role,
  via: 'session',
});

describe('who controls a run', () => {
  it('lets ops and admins control any run', () => {
    for (const role of ['ops', 'admin'] as const) {
      expect(() => checkRunControl(as(role), { testMode: false }, null)).not.toThrow();
      expect(() => checkRunControl(as(role), { testMode: true }, 'someone else')).not.toThrow();
    }
  });

  it('lets a marketer control the test runs they started, and nothing else', () => {
    expect(() => checkRunControl(as('marketer'), { testMode: true }, 'u1')).not.toThrow();
    expect(() => checkRunControl(as('marketer'), { testMode: true }, 'u2')).toThrow(/only the test runs it started/);
    expect(() => checkRunControl(as('marketer'), { testMode: true }, null)).toThrow(/only the test runs it started/);
    expect(() => checkRunControl(as('marketer'), { testMode: false }, 'u1')).toThrow(/needs runs:manage/);
    // An API key has no user: it never owns a test run.
    expect(() => checkRunControl(as('marketer', null), { testMode: true }, null)).toThrow();
  });

  it('refuses sales reps before anything is read', () => {
    expect(() => checkMayControlSomeRun(as('sales_rep'))).toThrow(/needs runs:manage/);
    expect(() => checkMayControlSomeRun(as('marketer'))).not.toThrow();
    expect(() => checkRunControl(as('sales_rep'), { testMode: true }, 'u1')).toThrow();
  });
});
