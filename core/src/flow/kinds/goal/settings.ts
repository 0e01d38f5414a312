import { z } from 'zod';
import { ConditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';

export const GoalSchema = nodeSchemaOf(
  'goal',
  z.object({
    name: z.string().min(1).describe('What the goal means, shown in reports'),
    condition: ConditionSchema.describe('Contacts meeting this jump here from wherever they are in the flow'),
  }),
);
