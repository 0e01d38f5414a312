import { z } from 'zod';
import { NodeIdSchema } from './primitives';

export const PositionSchema = z
  .object({ x: z.number(), y: z.number() })
  .describe('Where the designer draws the node; ignored by the engine');

/**
 * The envelope every node kind shares. Only `settings` differs per kind, and `type` is the
 * discriminator, so the flow schema can route each node to exactly one settings schema.
 */
export function nodeSchemaOf<const T extends string, S extends z.ZodType>(type: T, settings: S) {
  return z.object({
    id: NodeIdSchema,
    type: z.literal(type),
    position: PositionSchema,
    label: z.string().max(120).optional().describe('Title the designer shows instead of the kind name'),
    settings,
  });
}
