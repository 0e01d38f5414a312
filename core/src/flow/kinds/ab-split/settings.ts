import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

export const AbSplitSchema = nodeSchemaOf(
  'ab_split',
  z.object({
    variants: z
      .array(
        z.object({
          // The handle doubles as the output name edges use, so it must be a plain identifier.
          handle: z
            .string()
            .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lowercase letters, digits or "_"')
            .describe('Output name, e.g. "a"'),
          weight: z.number().int().positive().describe('Relative share of contacts sent this way'),
        }),
      )
      .min(2, 'needs at least two variants')
      .refine(
        (variants) => new Set(variants.map((v) => v.handle)).size === variants.length,
        'variant handles must be unique',
      )
      .describe('Ways to split contacts; each contact always gets the same variant'),
  }),
);
