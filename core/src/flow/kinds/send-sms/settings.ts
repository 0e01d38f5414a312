import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { templateText } from '../../primitives';

export const SendSmsSchema = nodeSchemaOf(
  'send_sms',
  z.object({
    // 1600 characters is the carrier limit for a concatenated SMS.
    body: templateText('Message text').max(1600, 'must be at most 1600 characters'),
  }),
);
