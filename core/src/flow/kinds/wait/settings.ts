import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { ContactFieldSchema, DurationSchema } from '../../primitives';

const businessDaysOnly = z
  .boolean()
  .default(false)
  .describe('Count only Monday to Friday, and move a wake-up that lands on a weekend to Monday');

export const WaitSchema = nodeSchemaOf(
  'wait',
  z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('duration').describe('Wait a fixed time'),
      duration: DurationSchema.describe('How long to wait'),
      businessDaysOnly,
    }),
    z.object({
      mode: z.literal('until_date').describe('Wait until a fixed moment'),
      date: z.iso.datetime({ offset: true }).describe('ISO date-time to resume at'),
      businessDaysOnly,
    }),
    z.object({
      mode: z.literal('until_field').describe('Wait until a date stored on the contact, e.g. a renewal date'),
      field: ContactFieldSchema.describe('Contact date field'),
      offsetDays: z.number().int().default(0).describe('Days to add to the date; negative resumes before it'),
      businessDaysOnly,
    }),
  ]),
);
