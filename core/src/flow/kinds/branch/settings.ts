import { z } from 'zod';
import { ConditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';

export const BranchSchema = nodeSchemaOf(
  'branch',
  z.object({ condition: ConditionSchema.describe('Contacts matching go to "yes", the others to "no"') }),
);
