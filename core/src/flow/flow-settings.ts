import { z } from 'zod';
import { WEEKDAYS } from './weekdays';
import { DurationSchema, TimezoneSchema } from './primitives';
import { ReplyTriageSettingsSchema } from './reply-triage-settings';

/** Flow-wide settings. Every field has a default so `{}` is a valid, permissive start. */

// In a module of its own so workflow code can use it without building the settings schema.
export { WEEKDAYS };

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as "09:00"');

export const SendingWindowSchema = z
  .object({
    timezone: TimezoneSchema.describe("The flow's timezone, used when the contact's is unknown or not wanted"),
    useContactTimezone: z.boolean().default(true).describe("Use the contact's timezone when it is known"),
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1, 'needs at least one day')
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('Days on which sends may happen'),
    start: timeOfDay.default('09:00').describe('Local time the window opens'),
    end: timeOfDay.default('17:00').describe('Local time the window closes'),
  })
  // Windows spanning midnight are not supported: "HH:MM" strings compare in time order.
  .refine((window) => window.start < window.end, { message: 'must close after it opens', path: ['end'] })
  .describe('When sends may happen; a wait ending outside it resumes at the next opening');

export const UnenrollRulesSchema = z
  .object({
    reply: z.boolean().default(true).describe('Leave the flow when the contact replies'),
    goalMet: z.boolean().default(true).describe('Leave the flow when the contact meets any goal'),
    unsubscribe: z.boolean().default(true).describe('Leave the flow when the contact unsubscribes'),
    bounce: z.boolean().default(true).describe('Leave the flow when an email to the contact bounces'),
    enteredFlow: z
      .union([z.literal('any'), z.array(z.string().min(1))])
      .default([])
      .describe('Leave when enrolled in another flow: "any", or a list of flow ids'),
  })
  .describe('Events that remove the contact before the next step');

export const ReenrollmentSchema = z
  .discriminatedUnion('policy', [
    z.object({ policy: z.literal('never').describe('A contact goes through this flow at most once') }),
    z.object({
      policy: z.literal('after_exit').describe('A contact may enroll again once its previous run ended'),
      cooldown: DurationSchema.optional().describe('Minimum time between the end of a run and the next enrollment'),
    }),
  ])
  .describe('Whether a contact can go through the flow again');

export const FlowSettingsSchema = z.object({
  sendingWindow: SendingWindowSchema.optional().describe('Omitted means sends may happen at any time'),
  unenrollOn: UnenrollRulesSchema.prefault({}),
  reenrollment: ReenrollmentSchema.default({ policy: 'never' }),
  replyTriage: ReplyTriageSettingsSchema.prefault({}),
});
export type FlowSettings = z.infer<typeof FlowSettingsSchema>;
