import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { templateText } from '../../primitives';

export const NotifySlackSchema = nodeSchemaOf(
  'notify_slack',
  z.object({
    channel: z
      .string()
      .regex(/^[#@]?[\w.-]{1,80}$/, 'must be a channel such as "#sales" or a user such as "@ana"')
      .describe('Channel or user to post to'),
    message: templateText('Message text'),
  }),
);
