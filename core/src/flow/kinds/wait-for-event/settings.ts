import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { DurationSchema } from '../../primitives';

export const WaitForEventSchema = nodeSchemaOf(
  'wait_for_event',
  z.object({
    event: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('reply').describe('The contact replies to an email from this flow') }),
        z.object({ kind: z.literal('open').describe('The contact opens an email from this flow') }),
        z.object({
          kind: z.literal('click').describe('The contact clicks a link in an email from this flow'),
          urlContains: z.string().min(1).optional().describe('Only clicks on links containing this text count'),
        }),
        z.object({
          kind: z.literal('stage_change').describe("One of the contact's deals changes stage"),
          toStage: z.string().min(1).optional().describe('Stage the deal must enter; omitted means any'),
        }),
        z.object({
          kind: z.literal('custom').describe('An event sent through the API'),
          name: z.string().min(1).describe('Event name the API caller sends'),
        }),
      ])
      .describe('What the contact must do for the run to continue on "next"'),
    timeout: DurationSchema.describe('How long to wait before taking the "timeout" output'),
  }),
);
