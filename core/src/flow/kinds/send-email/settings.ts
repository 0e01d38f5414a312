import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { templateText } from '../../primitives';
import { SenderChoiceSchema } from '../../../messaging/sender-choice';

export const SendEmailSchema = nodeSchemaOf(
  'send_email',
  z.object({
    subject: templateText('Subject line'),
    body: templateText('Email body (HTML or plain text)'),
    fromName: z
      .string()
      .min(1)
      .optional()
      .describe("Sender name; omitted means the sending mailbox's name (the contact owner's is {{owner.name}})"),
    replyTo: z.email().optional().describe('Reply-to address; omitted means the sending mailbox'),
    trackOpens: z.boolean().default(true).describe('Add an open-tracking pixel'),
    trackClicks: z.boolean().default(true).describe('Rewrite links to count clicks'),
    // The default stays false so stored versions keep their behaviour; the designer sets it
    // on a send_email added after another one (follow-ups thread, as in sales tools).
    threadWithPrevious: z
      .boolean()
      .default(false)
      .describe(
        'Send as a reply in the thread of the previous email this run sent the contact ("Re:" its subject, In-Reply-To and References, from the same mailbox); the first email of a run starts the thread',
      ),
    sender: SenderChoiceSchema.default({ kind: 'workspace' }).describe(SenderChoiceSchema.description ?? ''),
  }),
);
