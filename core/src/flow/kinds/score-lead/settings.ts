import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { templateText } from '../../primitives';

export const ScoreLeadSchema = nodeSchemaOf(
  'score_lead',
  z.discriminatedUnion('method', [
    z.object({
      method: z.literal('points').describe('Add or subtract a fixed number of points'),
      points: z
        .number()
        .int()
        .refine((n) => n !== 0, 'must not be 0')
        .describe('Points to add (negative subtracts)'),
    }),
    z.object({
      method: z.literal('ai').describe('Let a model score the lead against written criteria'),
      criteria: templateText('What makes a good lead'),
    }),
  ]),
);
