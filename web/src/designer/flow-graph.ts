import { DEFAULT_OUTPUT, NODE_KINDS, isNodeType, type FlowDefinitionInput } from '@cadenza/core';
import type { DesignerEdge, DesignerNode, GraphSnapshot } from './designer-types';

export const edgeIdOf = (edge: { from: string; to: string; handle?: string }) =>
  `${edge.from}:${edge.handle ?? DEFAULT_OUTPUT}->${edge.to}`;

/** What a new flow starts as: a manual trigger and nothing else. */
export function emptyDefinition(): FlowDefinitionInput {
  return {
    trigger: { id: 'start', type: 'manual', position: { x: 80, y: 160 }, settings: {} },
    settings: {},
    nodes: [],
    edges: [],
  };
}

type LooseNode = { id?: unknown; type?: unknown; position?: unknown; label?: unknown; settings?: unknown };

function toDesignerNode(raw: LooseNode, index: number): DesignerNode | null {
  if (typeof raw?.type !== 'string' || !isNodeType(raw.type)) return null;
  const position = raw.position as { x?: unknown; y?: unknown } | undefined;
  return {
    id: typeof raw.id === 'string' ? raw.id : `${raw.type}_${index}`,
    type: raw.type,
    position: {
      x: typeof position?.x === 'number' ? position.x : 80 + index * 220,
      y: typeof position?.y === 'number' ? position.y : 160,
    },
    ...(typeof raw.label === 'string' ? { label: raw.label } : {}),
    settings: raw.settings ?? {},
  };
}

/** Reads a stored draft (which may be partial or invalid) into the designer's graph. */
export function fromDefinition(draft: unknown): GraphSnapshot {
  const definition = (draft ?? emptyDefinition()) as {
    trigger?: LooseNode;
    nodes?: LooseNode[];
    edges?: Array<{ from?: unknown; to?: unknown; handle?: unknown }>;
    settings?: unknown;
  };
  const rawNodes = [...(definition.trigger ? [definition.trigger] : []), ...(definition.nodes ?? [])];
  const nodes = rawNodes.map(toDesignerNode).filter((node): node is DesignerNode => node !== null);
  const edges: DesignerEdge[] = (definition.edges ?? [])
    .filter((edge) => typeof edge.from === 'string' && typeof edge.to === 'string')
    .map((edge) => {
      const base = { from: edge.from as string, to: edge.to as string };
      const withHandle = typeof edge.handle === 'string' ? { ...base, handle: edge.handle } : base;
      return { ...withHandle, id: edgeIdOf(withHandle) };
    });
  return { nodes, edges, settings: definition.settings ?? {} };
}

/**
 * The definition the API stores. The first trigger node becomes `trigger`; edges leaving the
 * default output carry no handle, matching what the engine and validator expect.
 */
export function toDefinition(graph: GraphSnapshot): FlowDefinitionInput {
  const strip = ({ id, type, position, label, settings }: DesignerNode) => ({
    id,
    type,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    ...(label ? { label } : {}),
    settings,
  });
  const trigger = graph.nodes.find((node) => NODE_KINDS[node.type].category === 'trigger');
  return {
    trigger: trigger ? strip(trigger) : undefined,
    settings: graph.settings ?? {},
    nodes: graph.nodes.filter((node) => node !== trigger).map(strip),
    edges: graph.edges.map(({ from, to, handle }) =>
      handle && handle !== DEFAULT_OUTPUT ? { from, to, handle } : { from, to },
    ),
  } as FlowDefinitionInput;
}
