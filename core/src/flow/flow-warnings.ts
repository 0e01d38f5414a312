import type { FlowDefinition } from './flow-definition';
import { DEFAULT_OUTPUT } from './node-output';

/**
 * What Check and Publish point out without refusing the flow: a design that runs but probably
 * does not do what its author meant. Keyed like errors, so the designer can mark the node.
 */
export const FLOW_WARNING_CODES = ['triage_without_reply_wait'] as const;
export type FlowWarningCode = (typeof FLOW_WARNING_CODES)[number];

export type FlowWarning = { code: FlowWarningCode; message: string; nodeId?: string };

type Outline = {
  nodes: ReadonlyArray<{ id: string; type: string; settings?: unknown }>;
  edges: FlowDefinition['edges'];
};

const isReplyWait = (node: Outline['nodes'][number]) =>
  node.type === 'wait_for_event' &&
  (node.settings as { event?: { kind?: string } } | undefined)?.event?.kind === 'reply';

/**
 * A "Read the reply" step reads the reply the reply wait before it received: with no such wait
 * upstream (through any path, its `next` output only) it has nothing to read and always takes `next`.
 */
function triageWithoutReplyWait(flow: Outline): FlowWarning[] {
  const byId = new Map(flow.nodes.map((node) => [node.id, node]));
  const cameFrom = new Map<string, string[]>();
  for (const edge of flow.edges) {
    if (byId.get(edge.from)?.type === 'wait_for_event' && (edge.handle ?? DEFAULT_OUTPUT) !== DEFAULT_OUTPUT) continue;
    cameFrom.set(edge.to, [...(cameFrom.get(edge.to) ?? []), edge.from]);
  }
  const hasReplyWaitBefore = (start: string) => {
    const seen = new Set<string>([start]);
    const queue = [...(cameFrom.get(start) ?? [])];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = byId.get(id);
      if (node && isReplyWait(node)) return true;
      queue.push(...(cameFrom.get(id) ?? []));
    }
    return false;
  };
  return flow.nodes
    .filter((node) => node.type === 'triage_reply' && !hasReplyWaitBefore(node.id))
    .map((node) => ({
      code: 'triage_without_reply_wait' as const,
      nodeId: node.id,
      message: `Step "${node.id}" reads a reply, but no "Wait for event: reply" comes before it: it will have nothing to read and always take "next".`,
    }));
}

/** Every warning of a definition (pure; a malformed definition has errors instead, and no warnings). */
export function flowWarnings(flow: Outline): FlowWarning[] {
  return [...triageWithoutReplyWait(flow)];
}
