import { z } from 'zod';
import { DEFAULT_OUTPUT } from './node-output';
import { ACTION_NODE_SCHEMAS, CONTROL_NODE_SCHEMAS, TRIGGER_NODE_SCHEMAS } from './kinds/schemas';

/** Every node kind, discriminated on `type`. */
export const NodeSchema = z.discriminatedUnion('type', [
  ...TRIGGER_NODE_SCHEMAS,
  ...ACTION_NODE_SCHEMAS,
  ...CONTROL_NODE_SCHEMAS,
]);
/** The kinds allowed as `definition.trigger`. */
export const TriggerNodeSchema = z.discriminatedUnion('type', [...TRIGGER_NODE_SCHEMAS]);
/** The kinds allowed in `definition.nodes`: everything a run steps through. */
export const StepNodeSchema = z.discriminatedUnion('type', [...ACTION_NODE_SCHEMAS, ...CONTROL_NODE_SCHEMAS]);

export type Node = z.infer<typeof NodeSchema>;
export type TriggerNode = z.infer<typeof TriggerNodeSchema>;
export type StepNode = z.infer<typeof StepNodeSchema>;
export type NodeType = Node['type'];
/** The kinds with a side effect, each performed by its own activity (activities/src/flow/actions). */
export type ActionType = z.infer<(typeof ACTION_NODE_SCHEMAS)[number]>['type'];
export type TriggerType = TriggerNode['type'];
export type NodeOfType<T extends NodeType> = Extract<Node, { type: T }>;
/** Settings per kind, as a map so lookups by a generic kind stay correlated with NODE_KINDS. */
export type NodeSettings = { [T in NodeType]: NodeOfType<T>['settings'] };

// In modules of their own so workflow code and the web app's palette can use them without
// building every node schema.
export { DEFAULT_OUTPUT };
export * from './node-kind-metadata';
