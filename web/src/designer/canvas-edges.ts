import type { Edge } from '@xyflow/react';
import type { DesignerEdge } from './designer-types';

/** The graph's edges as xyflow draws them: from the named output's handle, labelled when it is a branch. */
export function canvasEdgesOf(edges: readonly DesignerEdge[]): Edge[] {
  return edges.map((edge) => ({
    id: edge.id,
    source: edge.from,
    target: edge.to,
    sourceHandle: edge.handle ?? 'next',
    label: edge.handle && edge.handle !== 'next' ? edge.handle : undefined,
  }));
}
