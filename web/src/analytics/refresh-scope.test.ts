import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@cadenza/core';
import { reportsChangedBy } from './refresh-scope';

const event = (
  subject: LiveEvent['subject'],
  payload: Record<string, unknown>,
  actor: LiveEvent['actor'] = { kind: 'system', id: null },
) => ({ subject, payload, actor });

describe('reportsChangedBy', () => {
  it("refreshes the funnel for the shown flow's runs only", () => {
    expect(reportsChangedBy(event('run', { flowId: 'f1' }), 'f1')).toEqual(['flow']);
    expect(reportsChangedBy(event('run', { flowId: 'f2' }), 'f1')).toEqual([]);
  });

  it('refreshes the funnel for messages a run sent, and rep activity for every message', () => {
    expect(reportsChangedBy(event('message', { runId: 'r1', contactId: 'c' }), 'f1').sort()).toEqual(['flow', 'reps']);
    expect(reportsChangedBy(event('message', { runId: null }), 'f1')).toEqual(['reps']);
  });

  it("refreshes rep activity for users' task, note and deal writes, not for the system's or for contacts", () => {
    const user = { kind: 'user' as const, id: 'u1' };
    expect(reportsChangedBy(event('task', {}, user), 'f1')).toEqual(['reps']);
    expect(reportsChangedBy(event('deal', {}, user), 'f1')).toEqual(['reps']);
    expect(reportsChangedBy(event('note', {}), 'f1')).toEqual([]);
    expect(reportsChangedBy(event('contact', {}, user), 'f1')).toEqual([]);
  });
});
