import { useCallback, useMemo, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { isNodeType, type FlowValidationError } from '@cadenza/core';
import { useAppDispatch, useAppSelector } from '../store';
import { addNode } from './add-node';
import { designerActions, selectDesigner } from './designer-slice';
import { canvasEdgesOf } from './canvas-edges';
import { FlowNode, type FlowCanvasNode } from './flow-node';
import { DRAG_MIME } from './node-palette';

const NODE_TYPES = { flow: FlowNode };
const NO_ERRORS: FlowValidationError[] = [];

export interface DesignerCanvasProps {
  counts: Record<string, number>;
  highlightedNodeId: string | null;
  /** For roles that may look but not edit: no dragging, connecting, dropping or deleting. */
  readOnly?: boolean;
}

/**
 * The graph on @xyflow/react. Redux holds the graph (so undo/redo covers every change); the
 * canvas only keeps measured node sizes, which xyflow needs and nobody else cares about.
 */
export function DesignerCanvas({ counts, highlightedNodeId, readOnly = false }: DesignerCanvasProps) {
  const dispatch = useAppDispatch();
  const graph = useAppSelector((state) => selectDesigner(state).graph);
  const selectedNodeId = useAppSelector((state) => selectDesigner(state).selectedNodeId);
  const errors = useAppSelector((state) => selectDesigner(state).errors);
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const { screenToFlowPosition } = useReactFlow();

  const nodes: FlowCanvasNode[] = useMemo(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: 'flow',
        position: node.position,
        selected: node.id === selectedNodeId,
        measured: measured[node.id],
        data: {
          type: node.type,
          label: node.label,
          settings: node.settings,
          errors: errors[node.id] ?? NO_ERRORS,
          runCount: counts[node.id] ?? 0,
          highlighted: node.id === highlightedNodeId,
        },
      })),
    [graph.nodes, selectedNodeId, measured, errors, counts, highlightedNodeId],
  );
  const edges: Edge[] = useMemo(() => canvasEdgesOf(graph.edges), [graph.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowCanvasNode>[]) => {
      const moves: Array<{ id: string; position: { x: number; y: number } }> = [];
      const sizes: Record<string, { width: number; height: number }> = {};
      for (const change of changes) {
        if (change.type === 'position' && change.position) moves.push({ id: change.id, position: change.position });
        if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
        if (change.type === 'select' && change.selected) dispatch(designerActions.selected(change.id));
      }
      if (moves.length) dispatch(designerActions.nodesDragged(moves));
      if (Object.keys(sizes).length) setMeasured((previous) => ({ ...previous, ...sizes }));
    },
    [dispatch],
  );
  const onEdgesChange = useCallback((_changes: EdgeChange[]) => undefined, []);
  const onConnect = useCallback(
    (connection: Connection) =>
      dispatch(
        designerActions.connected({
          from: connection.source,
          to: connection.target,
          ...(connection.sourceHandle && connection.sourceHandle !== 'next' ? { handle: connection.sourceHandle } : {}),
        }),
      ),
    [dispatch],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const type = event.dataTransfer.getData(DRAG_MIME);
      if (!isNodeType(type)) return;
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      void dispatch(addNode(type, position));
    },
    [dispatch, screenToFlowPosition],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onNodeDragStart={() => dispatch(designerActions.dragStarted())}
      onDelete={({ nodes: gone, edges: cut }) =>
        dispatch(designerActions.removed({ nodeIds: gone.map((n) => n.id), edgeIds: cut.map((e) => e.id) }))
      }
      onPaneClick={() => dispatch(designerActions.selected(null))}
      onDrop={readOnly ? undefined : onDrop}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      fitView
      fitViewOptions={{ maxZoom: 1 }}
    >
      <Background />
      <Controls />
      <MiniMap pannable zoomable />
    </ReactFlow>
  );
}
