import { z } from 'zod';
import { conditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';

export const branchSchema = nodeSchemaOf(
  'branch',
  z.object({ condition: conditionSchema.describe('Contacts matching go to "yes", the others to "no"') }),
);
