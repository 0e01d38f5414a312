import { z } from 'zod';
import { conditionSchema } from './condition';
import { nodeSchemaOf } from './node-shape';
import { contactFieldSchema, durationSchema } from './primitives';

/**
 * Control kinds: they route or pause a run and have no side effect of their own. Waits are
 * durable timers, so they are the only steps allowed to close a loop (see validate-flow).
 */

const businessDaysOnly = z
  .boolean()
  .default(false)
  .describe('Count only Monday to Friday, and move a wake-up that lands on a weekend to Monday');

export const waitSchema = nodeSchemaOf(
  'wait',
  z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('duration').describe('Wait a fixed time'),
      duration: durationSchema.describe('How long to wait'),
      businessDaysOnly,
    }),
    z.object({
      mode: z.literal('until_date').describe('Wait until a fixed moment'),
      date: z.iso.datetime({ offset: true }).describe('ISO date-time to resume at'),
      businessDaysOnly,
    }),
    z.object({
      mode: z.literal('until_field').describe('Wait until a date stored on the contact, e.g. a renewal date'),
      field: contactFieldSchema.describe('Contact date field'),
      offsetDays: z.number().int().default(0).describe('Days to add to the date; negative resumes before it'),
      businessDaysOnly,
    }),
  ]),
);

export const waitForEventSchema = nodeSchemaOf(
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
    timeout: durationSchema.describe('How long to wait before taking the "timeout" output'),
  }),
);

export const branchSchema = nodeSchemaOf(
  'branch',
  z.object({ condition: conditionSchema.describe('Contacts matching go to "yes", the others to "no"') }),
);

export const abSplitSchema = nodeSchemaOf(
  'ab_split',
  z.object({
    variants: z
      .array(
        z.object({
          // The handle doubles as the output name edges use, so it must be a plain identifier.
          handle: z
            .string()
            .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lowercase letters, digits or "_"')
            .describe('Output name, e.g. "a"'),
          weight: z.number().int().positive().describe('Relative share of contacts sent this way'),
        }),
      )
      .min(2, 'needs at least two variants')
      .refine(
        (variants) => new Set(variants.map((v) => v.handle)).size === variants.length,
        'variant handles must be unique',
      )
      .describe('Ways to split contacts; each contact always gets the same variant'),
  }),
);

export const goalSchema = nodeSchemaOf(
  'goal',
  z.object({
    name: z.string().min(1).describe('What the goal means, shown in reports'),
    condition: conditionSchema.describe('Contacts meeting this jump here from wherever they are in the flow'),
  }),
);

export const exitSchema = nodeSchemaOf(
  'exit',
  z.object({ reason: z.string().min(1).optional().describe('Recorded on the run when the contact leaves here') }),
);

export const CONTROL_NODE_SCHEMAS = [
  waitSchema,
  waitForEventSchema,
  branchSchema,
  abSplitSchema,
  goalSchema,
  exitSchema,
] as const;
