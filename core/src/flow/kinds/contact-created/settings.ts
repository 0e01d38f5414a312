import { z } from 'zod';
import { ConditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';

export const ContactCreatedTriggerSchema = nodeSchemaOf(
  'contact_created',
  z.object({
    filter: ConditionSchema.optional().describe('Only contacts matching this enroll; omitted means every new contact'),
  }),
);
