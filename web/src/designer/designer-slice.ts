import { createSlice, current, type PayloadAction, type WithSlice } from '@reduxjs/toolkit';
import { NODE_KINDS, type FlowValidationError, type NodeType } from '@cadenza/core';
import { edgeIdOf, fromDefinition } from './flow-graph';
import { followsSendEmail, threadedByDefault } from './thread-default';
import type { DesignerNode, GraphSnapshot, NodeErrors } from './designer-types';
import { rootReducer } from '../store';

/** How many steps undo remembers; enough for a session, bounded so memory stays flat. */
const HISTORY_LIMIT = 100;

export interface DesignerState {
  flowId: string | null;
  graph: GraphSnapshot;
  past: GraphSnapshot[];
  future: GraphSnapshot[];
  selectedNodeId: string | null;
  /** Validation errors from the API, by node id ("" for flow-wide ones). */
  errors: NodeErrors;
  dirty: boolean;
  /** send_email steps added here whose threading nobody chose yet: connected after another send_email, they thread. */
  threadingUndecided: string[];
}

const initialState: DesignerState = {
  flowId: null,
  graph: { nodes: [], edges: [], settings: {} },
  past: [],
  future: [],
  selectedNodeId: null,
  errors: {},
  dirty: false,
  threadingUndecided: [],
};

/** Records the current graph for undo before a change; any new change forgets what redo had. */
function checkpoint(state: DesignerState): void {
  state.past.push(current(state.graph));
  if (state.past.length > HISTORY_LIMIT) state.past.shift();
  state.future = [];
  state.dirty = true;
}

/** The first free id such as `send_email_2`: readable in run timelines and Temporal search attributes. */
export function nextNodeId(type: NodeType, nodes: DesignerNode[]): string {
  const taken = new Set(nodes.map((node) => node.id));
  for (let n = 1; ; n++) {
    const id = `${type}_${n}`;
    if (!taken.has(id)) return id;
  }
}

const findNode = (state: DesignerState, id: string) => state.graph.nodes.find((node) => node.id === id);

export const designerSlice = createSlice({
  name: 'designer',
  initialState,
  reducers: {
    loaded(state, action: PayloadAction<{ flowId: string; draft: unknown }>) {
      return { ...initialState, flowId: action.payload.flowId, graph: fromDefinition(action.payload.draft) };
    },
    /** `settings` are the kind's defaults: see `addNode`, which loads the schemas they come from. */
    nodeAdded(state, action: PayloadAction<{ type: NodeType; position: { x: number; y: number }; settings: unknown }>) {
      const { type, position, settings } = action.payload;
      checkpoint(state);
      // A flow has one trigger: dropping another replaces it and keeps its outgoing edges.
      const previousTrigger =
        NODE_KINDS[type].category === 'trigger'
          ? state.graph.nodes.find((node) => NODE_KINDS[node.type].category === 'trigger')
          : undefined;
      const id = previousTrigger?.id ?? nextNodeId(type, state.graph.nodes);
      const node: DesignerNode = { id, type, position, settings };
      state.graph.nodes = state.graph.nodes.filter((existing) => existing !== previousTrigger).concat(node);
      state.selectedNodeId = id;
      if (type === 'send_email') state.threadingUndecided.push(id);
    },
    /** Drag ticks move nodes without history; `nodesMoved` at drag end records one undo step. */
    nodesDragged(state, action: PayloadAction<Array<{ id: string; position: { x: number; y: number } }>>) {
      for (const { id, position } of action.payload) {
        const node = findNode(state, id);
        if (node) node.position = position;
      }
    },
    dragStarted(state) {
      checkpoint(state);
    },
    settingsChanged(state, action: PayloadAction<{ id: string; settings: unknown }>) {
      const node = findNode(state, action.payload.id);
      if (!node) return;
      checkpoint(state);
      const threading = (settings: unknown) =>
        (settings as { threadWithPrevious?: unknown } | null)?.threadWithPrevious;
      if (threading(node.settings) !== threading(action.payload.settings)) {
        state.threadingUndecided = state.threadingUndecided.filter((id) => id !== node.id);
      }
      node.settings = action.payload.settings;
    },
    labelChanged(state, action: PayloadAction<{ id: string; label: string }>) {
      const node = findNode(state, action.payload.id);
      if (!node) return;
      checkpoint(state);
      if (action.payload.label) node.label = action.payload.label;
      else delete node.label;
    },
    connected(state, action: PayloadAction<{ from: string; to: string; handle?: string }>) {
      const { from, to, handle } = action.payload;
      if (from === to) return;
      const edge = handle ? { from, to, handle } : { from, to };
      const id = edgeIdOf(edge);
      // One edge per output: reconnecting an output replaces where it led.
      const sameOutput = (e: { from: string; handle?: string }) =>
        e.from === from && (e.handle ?? 'next') === (handle ?? 'next');
      if (state.graph.edges.some((existing) => existing.id === id)) return;
      checkpoint(state);
      state.graph.edges = state.graph.edges.filter((existing) => !sameOutput(existing)).concat({ ...edge, id });
      const target = findNode(state, to);
      if (
        target?.type === 'send_email' &&
        state.threadingUndecided.includes(to) &&
        followsSendEmail(state.graph.nodes, state.graph.edges, from)
      ) {
        target.settings = threadedByDefault(target.settings);
        state.threadingUndecided = state.threadingUndecided.filter((undecided) => undecided !== to);
      }
    },
    removed(state, action: PayloadAction<{ nodeIds: string[]; edgeIds: string[] }>) {
      const nodeIds = new Set(action.payload.nodeIds);
      const edgeIds = new Set(action.payload.edgeIds);
      if (nodeIds.size === 0 && edgeIds.size === 0) return;
      checkpoint(state);
      state.graph.nodes = state.graph.nodes.filter((node) => !nodeIds.has(node.id));
      state.graph.edges = state.graph.edges.filter(
        (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.from) && !nodeIds.has(edge.to),
      );
      if (state.selectedNodeId && nodeIds.has(state.selectedNodeId)) state.selectedNodeId = null;
    },
    /** Auto-layout: every node moves at once, as one undo step. */
    laidOut(state, action: PayloadAction<Record<string, { x: number; y: number }>>) {
      checkpoint(state);
      for (const node of state.graph.nodes) node.position = action.payload[node.id] ?? node.position;
    },
    /** Flow-wide settings (sending window, unenrollment, re-enrollment) replace the previous ones. */
    flowSettingsChanged(state, action: PayloadAction<unknown>) {
      checkpoint(state);
      state.graph.settings = action.payload;
    },
    selected(state, action: PayloadAction<string | null>) {
      state.selectedNodeId = action.payload;
    },
    undone(state) {
      const previous = state.past.pop();
      if (!previous) return;
      state.future.push(state.graph);
      state.graph = previous;
      state.dirty = true;
    },
    redone(state) {
      const next = state.future.pop();
      if (!next) return;
      state.past.push(state.graph);
      state.graph = next;
      state.dirty = true;
    },
    validated(state, action: PayloadAction<FlowValidationError[]>) {
      const errors: NodeErrors = {};
      for (const error of action.payload) (errors[error.nodeId ?? ''] ??= []).push(error);
      state.errors = errors;
    },
    saved(state) {
      state.dirty = false;
      state.errors = {};
    },
  },
});

export const designerActions = designerSlice.actions;

declare module '../store' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- RTK's lazy-slice typing adds members by extension
  export interface LazyLoadedSlices extends WithSlice<typeof designerSlice> {}
}

// Added to the store when the designer's code loads, so other pages do not carry it.
const injectedDesignerSlice = designerSlice.injectInto(rootReducer);

/** The designer's state; its initial state until the first action reaches the injected reducer. */
export const selectDesigner = injectedDesignerSlice.selectSlice;
