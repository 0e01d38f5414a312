import type { FlowDefinition } from '../flow-definition';
import type { StepNode } from '../node-kinds';
import { DEFAULT_OUTPUT } from '../node-output';

/**
 * The node an output of `fromNodeId` leads to, or null when that output is not connected
 * (the run ends there). An edge without a handle leaves from the default "next" output.
 * `fromNodeId` may be the trigger's id: the run's first step is the trigger's "next".
 */
export function nextNodeId(
  definition: Pick<FlowDefinition, 'edges'>,
  fromNodeId: string,
  handle: string = DEFAULT_OUTPUT,
): string | null {
  const edge = definition.edges.find((e) => e.from === fromNodeId && (e.handle ?? DEFAULT_OUTPUT) === handle);
  return edge ? edge.to : null;
}

/** The step node with this id; the trigger is not a step and is never returned. */
export function findNode(definition: Pick<FlowDefinition, 'nodes'>, id: string): StepNode | undefined {
  return definition.nodes.find((node) => node.id === id);
}
