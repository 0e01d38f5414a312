import type { FlowDefinitionInput } from '@cadenza/core';

/**
 * A valid flow of `nodes` nodes for rendering benchmarks: a manual trigger, then a chain of
 * steps laid out row by row (10 per row), with a branch every tenth step whose "no" output
 * leaves through an exit, so the canvas draws labelled handles and crossing edges too.
 */
export function benchFlow(nodes: number): FlowDefinitionInput {
  const at = (i: number) => ({ x: (i % 10) * 240, y: Math.floor(i / 10) * 140 });
  const definition: FlowDefinitionInput = {
    trigger: { id: 'start', type: 'manual', position: at(0), settings: {} },
    settings: {},
    nodes: [],
    edges: [],
  };
  let previous = 'start';
  for (let i = 1; i < nodes; i++) {
    const id = `step_${i}`;
    const isBranch = i % 10 === 5 && i + 2 < nodes;
    const isExit = i % 10 === 6;
    if (isExit) {
      // The exit hangs off the branch before it; the chain continues from that branch's "yes".
      definition.nodes.push({ id, type: 'exit', position: at(i), settings: {} });
      definition.edges.push({ from: previous, to: id, handle: 'no' });
      continue;
    }
    if (isBranch) {
      definition.nodes.push({
        id,
        type: 'branch',
        position: at(i),
        settings: { condition: { field: 'contact.email', operator: 'is_set' } },
      });
    } else {
      definition.nodes.push({ id, type: 'add_tag', position: at(i), settings: { tag: `t${i}` } });
    }
    const fromBranch = definition.nodes.find((node) => node.id === previous)?.type === 'branch';
    definition.edges.push(fromBranch ? { from: previous, to: id, handle: 'yes' } : { from: previous, to: id });
    previous = id;
  }
  return definition;
}
