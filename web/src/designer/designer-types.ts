import type { FlowValidationError, NodeType } from '@cadenza/core';

/** A node as the designer edits it: settings may be invalid until the API accepts them. */
export interface DesignerNode {
  id: string;
  type: NodeType;
  position: { x: number; y: number };
  label?: string;
  settings: unknown;
}

export interface DesignerEdge {
  id: string;
  from: string;
  to: string;
  handle?: string;
}

/** The part of the designer that undo/redo restores. */
export interface GraphSnapshot {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  /** Flow-wide settings, edited in the flow settings dialog. */
  settings: unknown;
}

export type NodeErrors = Record<string, FlowValidationError[]>;
