import { LIMITS } from '@cadenza/core';

/**
 * Flow definitions shaped like the requests that stalled or broke the API (issue 19 §3), for the
 * request-limits tests and the fuzz drill's explicit cases: one builder each, so both send the same.
 */
const at = { x: 0, y: 0 };
const trigger = { id: 'start', type: 'manual', position: at, settings: {} };
const task = (id: string) => ({ id, type: 'create_task', position: at, settings: { title: `Task ${id}` } });

/** `length` steps in a row after the trigger: a recursive walk overflowed on 5,000-7,000 of them. */
export function chainFlow(length: number) {
  const ids = Array.from({ length }, (_, i) => `n${i}`);
  return {
    trigger,
    settings: {},
    nodes: ids.map(task),
    edges: ids.map((id, i) => ({ from: i === 0 ? 'start' : ids[i - 1]!, to: id })),
  };
}

/** Two steps joined by `count` identical edges: 30,000 of them took 7-9 s to validate. */
export function duplicateEdgesFlow(count: number) {
  return {
    trigger,
    settings: {},
    nodes: [task('a'), task('b')],
    edges: [{ from: 'start', to: 'a' }, ...Array.from({ length: count }, () => ({ from: 'a', to: 'b' }))],
  };
}

/** The most work the limits let through: every node, every edge, the extra edges duplicates (one error each). */
export function largestAllowedFlow() {
  const chain = chainFlow(LIMITS.maxFlowNodes);
  const extra = duplicateEdgesFlow(LIMITS.maxFlowEdges - LIMITS.maxFlowNodes - 1).edges;
  return { ...chain, edges: [...chain.edges, ...extra] };
}

/** A create-flow body whose draft is `depth` nested arrays, as raw JSON text (JSON.stringify would recurse). */
export const deepDraftBody = (depth: number) =>
  `{"name":"Deep","kind":"sequence","draft":${'['.repeat(depth)}${']'.repeat(depth)}}`;
