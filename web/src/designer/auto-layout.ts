import { Graph, layout } from '@dagrejs/dagre';
import type { GraphSnapshot } from './designer-types';

export type Size = { width: number; height: number };
export type Positions = Record<string, { x: number; y: number }>;

/** What a node takes on the canvas before xyflow has measured it (the FlowNode's min width). */
export const DEFAULT_NODE_SIZE: Size = { width: 190, height: 70 };

/**
 * Left-to-right layered layout of the flow with dagre: the trigger on the left, each step one
 * rank after what leads to it, branches fanned out vertically. Returns top-left positions (what
 * xyflow stores), rounded so saved definitions stay tidy. Measured sizes keep tall nodes apart.
 */
export function layoutPositions(
  graph: Pick<GraphSnapshot, 'nodes' | 'edges'>,
  sizes: Record<string, Size> = {},
): Positions {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(sizes[node.id] ?? DEFAULT_NODE_SIZE) });
  for (const edge of graph.edges) {
    if (g.hasNode(edge.from) && g.hasNode(edge.to)) g.setEdge(edge.from, edge.to);
  }
  layout(g);
  const positions: Positions = {};
  for (const node of graph.nodes) {
    const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
    // dagre gives centres; xyflow wants the top-left corner.
    positions[node.id] = { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) };
  }
  return positions;
}
