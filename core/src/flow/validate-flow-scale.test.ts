import { validateFlowDefinition } from './validate-flow';
import { contactFieldReferences } from './field-references';
import type { Node } from './node-kinds';

/**
 * Worst cases a request may send (issue 19, section 3): validation must stay linear and
 * iterative, whatever the API's limits, so a large or hostile definition never blocks the
 * event loop for seconds nor overflows the stack into a 500.
 */
const at = { x: 0, y: 0 };
const trigger = { id: 'start', type: 'contact_created', position: at, settings: {} };
const step = (id: string) => ({ id, type: 'create_task', position: at, settings: { title: `Task ${id}` } });
const wait = (id: string) => ({
  id,
  type: 'wait',
  position: at,
  settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } },
});

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

describe('validateFlowDefinition at scale', () => {
  it('checks 30,000 duplicate edges in linear time', () => {
    const definition = {
      trigger,
      settings: {},
      nodes: [step('a'), step('b')],
      edges: [{ from: 'start', to: 'a' }, ...Array.from({ length: 30_000 }, () => ({ from: 'a', to: 'b' }))],
    };
    const { result, ms } = timed(() => validateFlowDefinition(definition));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.every((e) => e.code === 'duplicate_output')).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });

  it('walks a 7,000-step chain without recursion', () => {
    const ids = Array.from({ length: 7_000 }, (_, i) => `n${i}`);
    const definition = {
      trigger,
      settings: {},
      nodes: ids.map(step),
      edges: ids.map((id, i) => ({ from: i === 0 ? 'start' : ids[i - 1]!, to: id })),
    };
    const { result, ms } = timed(() => validateFlowDefinition(definition));
    expect(result).toMatchObject({ ok: true });
    expect(ms).toBeLessThan(3_000);
  });

  it('finds a 7,000-step loop without a wait, and accepts it with one', () => {
    const ids = Array.from({ length: 7_000 }, (_, i) => `n${i}`);
    const edges = [{ from: 'start', to: 'n0' }, ...ids.map((id, i) => ({ from: id, to: ids[(i + 1) % ids.length]! }))];
    const looping = validateFlowDefinition({ trigger, settings: {}, nodes: ids.map(step), edges });
    expect(looping.ok).toBe(false);
    if (!looping.ok) expect(looping.errors.map((e) => e.code)).toEqual(['cycle_without_wait']);

    const withWait = validateFlowDefinition({
      trigger,
      settings: {},
      nodes: [wait('n0'), ...ids.slice(1).map(step)],
      edges,
    });
    expect(withWait).toMatchObject({ ok: true });
  });
});

describe('contact field references at depth', () => {
  it('reads settings nested 50,000 deep without recursion', () => {
    let settings: unknown = '{{contact.nickname}}';
    for (let i = 0; i < 50_000; i++) settings = [settings];
    const node = { id: 'deep', type: 'create_task', position: at, settings: { title: 'x', deep: settings } };
    expect(contactFieldReferences(node as unknown as Node)).toEqual([
      { field: 'nickname', template: '{{contact.nickname}}' },
    ]);
  });
});
