import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

export const WebhookReceivedTriggerSchema = nodeSchemaOf(
  'webhook_received',
  z.object({
    endpointKey: z
      .string()
      .regex(/^[a-z0-9-]{3,64}$/, 'must be 3-64 lowercase letters, digits or "-"')
      .describe('Last segment of the inbound URL the form or service posts to'),
    contactEmailPath: z
      .string()
      .min(1)
      .default('email')
      .describe('Dotted path in the payload holding the contact email, e.g. "data.email"'),
  }),
);
