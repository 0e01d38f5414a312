import { z } from 'zod';
import { conditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';

export const contactCreatedTriggerSchema = nodeSchemaOf(
  'contact_created',
  z.object({
    filter: conditionSchema.optional().describe('Only contacts matching this enroll; omitted means every new contact'),
  }),
);
