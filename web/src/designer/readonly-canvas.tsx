import { useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, type Edge } from '@xyflow/react';
import { canvasEdgesOf } from './canvas-edges';
import { FlowNode, type FlowCanvasNode } from './flow-node';
import type { GraphSnapshot } from './designer-types';

const NODE_TYPES = { flow: FlowNode };

export interface ReadOnlyCanvasProps {
  graph: GraphSnapshot;
  selectedNodeId: string | null;
  onSelect: (nodeId: string | null) => void;
}

/** A graph shown, never edited: an old version. Nodes can be clicked to read their settings. */
export function ReadOnlyCanvas({ graph, selectedNodeId, onSelect }: ReadOnlyCanvasProps) {
  const nodes: FlowCanvasNode[] = useMemo(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: 'flow',
        position: node.position,
        selected: node.id === selectedNodeId,
        data: {
          type: node.type,
          label: node.label,
          settings: node.settings,
          errors: [],
          runCount: 0,
          highlighted: false,
        },
      })),
    [graph.nodes, selectedNodeId],
  );
  const edges: Edge[] = useMemo(() => canvasEdgesOf(graph.edges), [graph.edges]);
  return (
    // Its own provider: this canvas sits in a dialog over the designer's, and must not share its store.
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        onNodeClick={(_event, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
      >
        <Background />
        <Controls showInteractive={false} />
        <MiniMap />
      </ReactFlow>
    </ReactFlowProvider>
  );
}
