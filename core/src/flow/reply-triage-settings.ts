import { z } from 'zod';
import { DurationSchema } from './primitives';

/**
 * What a run does once it has read a reply (reply triage, issue 22). Every field has a default
 * that does what HubSpot and Outreach users expect, so `{}` (and a flow saved before triage
 * existed) behaves sensibly: out-of-office pauses, unsubscribe suppresses everywhere, a
 * referral becomes a contact and a task, "not now" snoozes, interest makes a task.
 */
export const ReplyTriageSettingsSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Read every reply and automatic reply to this flow and act on what it means'),
    outOfOffice: z
      .object({
        pause: z
          .boolean()
          .default(true)
          .describe('Pause the run (instead of leaving) until the return date plus one business day'),
        pauseWhenNoDate: DurationSchema.default({ amount: 7, unit: 'days' }).describe(
          'How long to pause when the reply gives no return date',
        ),
      })
      .prefault({})
      .describe('Out-of-office replies'),
    unsubscribe: z
      .object({
        everywhere: z
          .boolean()
          .default(true)
          .describe('Suppress the address and remove the contact from every flow of the workspace'),
      })
      .prefault({})
      .describe('Replies asking to be removed'),
    wrongPerson: z
      .object({
        createReferral: z
          .boolean()
          .default(true)
          .describe('Create the referred person as a contact (same company and owner) and a task for the owner'),
      })
      .prefault({})
      .describe('Replies saying someone else is the right person'),
    notNow: z
      .object({
        snooze: z.boolean().default(true).describe('Leave now and enroll again in this flow later'),
        reenrollAfter: DurationSchema.default({ amount: 90, unit: 'days' }).describe(
          'When to enroll the contact again, counted from the reply',
        ),
      })
      .prefault({})
      .describe('Replies saying "not now"'),
    interested: z
      .object({
        createTask: z.boolean().default(true).describe("Create a task for the contact's owner"),
        moveDealToStage: z
          .string()
          .uuid()
          .optional()
          .describe("Move the contact's open deal to this stage (a stage id); omitted leaves deals alone"),
      })
      .prefault({})
      .describe('Interested replies (then the leave-on-reply rule applies as usual)'),
    reviewTask: z
      .boolean()
      .default(true)
      .describe('When the reading is unsure, create a "review this reply" task for the owner'),
  })
  .describe('Reply triage: what the run does with a reply once it has read it');
export type ReplyTriageSettings = z.infer<typeof ReplyTriageSettingsSchema>;
