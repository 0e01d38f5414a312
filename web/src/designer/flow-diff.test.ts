import { describe, expect, it } from 'vitest';
import { diffDefinitions, isEmptyDiff, sameJson, valueChanges } from './flow-diff';

const v1 = {
  trigger: { id: 'start', type: 'manual', position: { x: 0, y: 0 }, settings: {} },
  settings: { reenrollment: { policy: 'never' } },
  nodes: [
    { id: 'mail', type: 'send_email', position: { x: 200, y: 0 }, settings: { subject: 'Hi', body: 'Hello' } },
    {
      id: 'wait',
      type: 'wait',
      position: { x: 400, y: 0 },
      settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
    },
    { id: 'tag', type: 'add_tag', position: { x: 600, y: 0 }, settings: { tag: 'done' } },
  ],
  edges: [
    { from: 'start', to: 'mail' },
    { from: 'mail', to: 'wait' },
    { from: 'wait', to: 'tag' },
  ],
};

describe('flow diff', () => {
  it('finds nothing between a definition and a copy with keys in another order', () => {
    const copy = JSON.parse(JSON.stringify(v1));
    copy.nodes[0].settings = { body: 'Hello', subject: 'Hi' };
    const diff = diffDefinitions(v1, copy);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.nodes.moved).toEqual([]);
  });

  it('names steps added, removed and changed, with each changed setting before and after', () => {
    const v2 = structuredClone(v1) as typeof v1 & { nodes: Array<Record<string, unknown>> };
    v2.nodes[0]!.settings = { subject: 'Hi {{contact.firstName}}', body: 'Hello' };
    v2.nodes[1]!.settings = { mode: 'duration', duration: { amount: 3, unit: 'days' } };
    v2.nodes = v2.nodes.filter((node) => node.id !== 'tag');
    v2.nodes.push({ id: 'exit', type: 'exit', position: { x: 600, y: 0 }, settings: {} });
    v2.edges = [
      { from: 'start', to: 'mail' },
      { from: 'mail', to: 'wait' },
      { from: 'wait', to: 'exit' },
    ];
    const diff = diffDefinitions(v1, v2);
    expect(diff.nodes.added).toEqual(['exit']);
    expect(diff.nodes.removed).toEqual(['tag']);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'mail',
        changes: [{ path: 'settings.subject', before: 'Hi', after: 'Hi {{contact.firstName}}' }],
      },
      { id: 'wait', changes: [{ path: 'settings.duration.amount', before: 2, after: 3 }] },
    ]);
    expect(diff.edges).toEqual({ added: ['wait → exit'], removed: ['wait → tag'] });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('keeps canvas moves apart from changes, and names branch outputs on edges', () => {
    const v2 = structuredClone(v1);
    v2.nodes[2]!.position = { x: 650, y: 40 };
    v2.edges.push({ from: 'mail', to: 'tag', handle: 'yes' } as (typeof v2.edges)[number]);
    const diff = diffDefinitions(v1, v2);
    expect(diff.nodes.moved).toEqual(['tag']);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.edges.added).toEqual(['mail (yes) → tag']);
  });

  it('reports flow-wide settings added, removed and changed, arrays compared whole', () => {
    const v2 = structuredClone(v1) as typeof v1 & { settings: Record<string, unknown> };
    v2.settings = {
      reenrollment: { policy: 'after_exit' },
      sendingWindow: { timezone: 'Europe/Paris', days: ['mon'] },
    };
    expect(diffDefinitions(v1, v2).settings).toEqual([
      { path: 'reenrollment.policy', before: 'never', after: 'after_exit' },
      {
        path: 'sendingWindow',
        before: undefined,
        // Compared as the engine reads it: the window's own defaults are filled in.
        after: { timezone: 'Europe/Paris', days: ['mon'], useContactTimezone: true, start: '09:00', end: '17:00' },
      },
    ]);
    expect(valueChanges({ days: ['mon', 'tue'] }, { days: ['mon'] })).toEqual([
      { path: 'days', before: ['mon', 'tue'], after: ['mon'] },
    ]);
  });

  it('does not count defaults a published version spells out and the draft leaves implicit', () => {
    const published = structuredClone(v1) as typeof v1 & { settings: Record<string, unknown> };
    published.nodes[0]!.settings = { subject: 'Hi', body: 'Hello', trackOpens: true, trackClicks: true } as never;
    published.settings = {
      reenrollment: { policy: 'never' },
      unenrollOn: { reply: true, goalMet: true, unsubscribe: true, bounce: true, enteredFlow: [] },
    };
    const draft = structuredClone(v1);
    expect(isEmptyDiff(diffDefinitions(published, draft))).toBe(true);
    draft.nodes[0]!.settings = { subject: 'Hi', body: 'Hello', trackOpens: false } as never;
    expect(diffDefinitions(published, draft).nodes.changed).toEqual([
      { id: 'mail', changes: [{ path: 'settings.trackOpens', before: true, after: false }] },
    ]);
  });

  it('treats every step and edge as added on a first publish', () => {
    const diff = diffDefinitions(undefined, v1);
    expect(diff.nodes.added).toEqual(['start', 'mail', 'wait', 'tag']);
    expect(diff.edges.added).toHaveLength(3);
    expect(diff.nodes.removed).toEqual([]);
  });

  it('compares JSON values structurally', () => {
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: undefined }, {})).toBe(true);
    expect(sameJson(null, {})).toBe(false);
  });
});
