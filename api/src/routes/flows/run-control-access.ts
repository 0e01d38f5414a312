import { can, ForbiddenError, type Principal } from '@cadenza/core';

/**
 * Who may pause, resume, skip a wait of, retry or cancel a run: whoever manages runs (ops,
 * admins), and the person who started a test run, if they may still build flows (a marketer
 * testing their own sequence past its waits). Anyone else is refused, naming what they lack.
 */
export function checkRunControl(principal: Principal, run: { testMode: boolean }, starterId: string | null): void {
  if (can(principal.role, 'runs:manage')) return;
  const ownTest =
    run.testMode && starterId !== null && starterId === principal.userId && can(principal.role, 'flows:manage');
  if (ownTest) return;
  throw new ForbiddenError(
    run.testMode
      ? `the ${principal.role} role may control only the test runs it started (others need runs:manage)`
      : `the ${principal.role} role may not do this (needs runs:manage; test runs belong to whoever started them)`,
  );
}

/** Before reading anything: only roles that manage runs or build flows may control any run. */
export function checkMayControlSomeRun(principal: Principal): void {
  if (can(principal.role, 'runs:manage') || can(principal.role, 'flows:manage')) return;
  throw new ForbiddenError(`the ${principal.role} role may not do this (needs runs:manage)`);
}
