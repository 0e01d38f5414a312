import { z } from 'zod';
import { StepNodeSchema, TriggerNodeSchema } from './node-kinds';
import { FlowSettingsSchema } from './flow-settings';
import { NodeIdSchema } from './primitives';

export const EdgeSchema = z.object({
  from: NodeIdSchema.describe('Node the contact leaves'),
  to: NodeIdSchema.describe('Node the contact goes to next'),
  handle: z
    .string()
    .min(1)
    .optional()
    .describe('Output of the source node, e.g. "yes", "timeout" or a variant; omitted means "next"'),
});
export type Edge = z.infer<typeof EdgeSchema>;

/**
 * The shape of a flow version's definition. It checks each part on its own; graph rules
 * (dangling edges, loops, unreachable steps) need the whole picture and live in
 * validateFlowDefinition, which is what save and publish call.
 */
export const FlowDefinitionSchema = z.object({
  trigger: TriggerNodeSchema.describe('What enrolls a contact; the entry of the graph'),
  settings: FlowSettingsSchema,
  nodes: z.array(StepNodeSchema).describe('Actions and control steps'),
  edges: z.array(EdgeSchema).describe('Connections from a node output to the next node'),
});
/** A parsed definition, with defaults filled in. */
export type FlowDefinition = z.infer<typeof FlowDefinitionSchema>;
/** What a designer or API client may send: defaulted fields are optional. */
export type FlowDefinitionInput = z.input<typeof FlowDefinitionSchema>;
