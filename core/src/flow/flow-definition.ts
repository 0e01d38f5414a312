import { z } from 'zod';
import { stepNodeSchema, triggerNodeSchema } from './node-kinds';
import { flowSettingsSchema } from './flow-settings';
import { nodeIdSchema } from './primitives';

export const edgeSchema = z.object({
  from: nodeIdSchema.describe('Node the contact leaves'),
  to: nodeIdSchema.describe('Node the contact goes to next'),
  handle: z
    .string()
    .min(1)
    .optional()
    .describe('Output of the source node, e.g. "yes", "timeout" or a variant; omitted means "next"'),
});
export type Edge = z.infer<typeof edgeSchema>;

/**
 * The shape of a flow version's definition. It checks each part on its own; graph rules
 * (dangling edges, loops, unreachable steps) need the whole picture and live in
 * validateFlowDefinition, which is what save and publish call.
 */
export const flowDefinitionSchema = z.object({
  trigger: triggerNodeSchema.describe('What enrolls a contact; the entry of the graph'),
  settings: flowSettingsSchema,
  nodes: z.array(stepNodeSchema).describe('Actions and control steps'),
  edges: z.array(edgeSchema).describe('Connections from a node output to the next node'),
});
/** A parsed definition, with defaults filled in. */
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
/** What a designer or API client may send: defaulted fields are optional. */
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;
