import { z } from 'zod';
import { ConditionSchema } from '../../condition';
import { nodeSchemaOf } from '../../node-shape';
import { TimezoneSchema } from '../../primitives';

export const ScheduleTriggerSchema = nodeSchemaOf(
  'schedule',
  z.object({
    // Loose shape check only; Temporal Schedules parse the expression itself at publish time.
    cron: z
      .string()
      .trim()
      .regex(
        /^(@(yearly|annually|monthly|weekly|daily|hourly)|\S+(\s+\S+){4,5})$/,
        'must be a cron expression with 5 or 6 fields (e.g. "0 9 * * 1") or a macro such as "@daily"',
      )
      .describe('When to run, as a cron expression'),
    timezone: TimezoneSchema,
    filter: ConditionSchema.describe('Contacts matching this enroll on each tick'),
  }),
);
