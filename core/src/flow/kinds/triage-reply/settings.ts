import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

// Reads the reply the wait before it received; it needs nothing else. The outputs (one per
// intent plus needs_review) are wired by edges, not settings.
export const TriageReplySchema = nodeSchemaOf(
  'triage_reply',
  z.object({
    note: z
      .string()
      .max(500)
      .optional()
      .describe(
        'A note for the flow\'s editors; the step reads the reply the "Wait for event: reply" before it received',
      ),
  }),
);
