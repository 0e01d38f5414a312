// What a run does with a reply once it has been read (reply triage, issue 22). Pure and
// deterministic: the interpreter calls it inside Temporal's workflow sandbox.
import type { ReplyTriage, Referral } from '../../ai/reply-triage';
import type { Duration } from '../primitives';
import type { ReplyTriageSettings } from '../reply-triage-settings';
import { addBusinessDays, addDuration } from './business-days';
import { zonedTimeToUtc } from './zoned-time';

/** The two inbound events a run reads: a person's reply and an automatic one (out of office…). */
export type ReadableEventKind = 'reply' | 'auto_reply';

/**
 * The act a reading leads to. `pause` and `snooze` name the instant the run goes on (ISO);
 * `refer` leaves after making the referred contact (when an email is named) and the owner's task.
 */
export type ReplyAct =
  | { act: 'pause'; until: string }
  | { act: 'unsubscribe' }
  | { act: 'refer'; referral: Referral }
  | { act: 'snooze'; until: string }
  | { act: 'interested'; createTask: boolean; moveDealToStage?: string }
  | { act: 'review' }
  | { act: 'none' };

export interface ReplyPlan {
  act: ReplyAct;
  /**
   * The event still counts as the contact replying for the flow's own rules (leave on reply, a
   * reply wait). False for an automatic reply and for anything the act already dealt with.
   */
  countsAsReply: boolean;
}

/**
 * A person's own reply (not flagged automatic by its headers) read as out of office pauses the
 * run only when the reading is this sure: pausing a lead who wrote "Tuesday works for me" costs
 * the hottest follow-up, so below it the owner is asked to review instead.
 */
export const OUT_OF_OFFICE_REPLY_CONFIDENCE = 0.8;

/** Business hours start: a paused run resumes at 09:00 local on the day it is due back. */
const RESUME_HOUR = 9;

/**
 * When an out-of-office run goes on: one business day after the return date (09:00 in the
 * flow's timezone), so the first email lands once the inbox is read, not on the pile of the
 * return morning. No date: `fallback` after the reply. A date already past: no pause.
 */
export function outOfOfficeResumeAt(
  returnDate: string | undefined,
  receivedAt: Date,
  fallback: Duration,
  timezone = 'UTC',
): Date {
  if (!returnDate) return addDuration(receivedAt, fallback, { businessDaysOnly: false, timezone });
  const [year, month, day] = returnDate.split('-').map(Number) as [number, number, number];
  const back = zonedTimeToUtc({ year, month, day, hour: RESUME_HOUR, minute: 0 }, timezone);
  const resume = addBusinessDays(back, 1, timezone);
  return resume.getTime() > receivedAt.getTime() ? resume : receivedAt;
}

/**
 * Picks the act for a reading. Low confidence acts on nothing but asks a person (a reply still
 * follows the flow's leave-on-reply rule); an automatic reply is never the contact answering,
 * so only an absence, a removal or a referral in it leads anywhere.
 */
export function planReplyAct(
  triage: Pick<ReplyTriage, 'intent' | 'confidence' | 'needsReview' | 'returnDate' | 'referral'>,
  eventKind: ReadableEventKind,
  settings: ReplyTriageSettings,
  receivedAt: Date,
  timezone = 'UTC',
): ReplyPlan {
  const isReply = eventKind === 'reply';
  const asToday: ReplyPlan = { act: { act: 'none' }, countsAsReply: isReply };
  if (!settings.enabled) return asToday;
  const unsure =
    triage.needsReview ||
    (isReply && triage.intent === 'out_of_office' && triage.confidence < OUT_OF_OFFICE_REPLY_CONFIDENCE);
  if (unsure) return isReply && settings.reviewTask ? { act: { act: 'review' }, countsAsReply: true } : asToday;
  switch (triage.intent) {
    case 'out_of_office':
      if (!settings.outOfOffice.pause) return asToday;
      return {
        act: {
          act: 'pause',
          until: outOfOfficeResumeAt(
            triage.returnDate,
            receivedAt,
            settings.outOfOffice.pauseWhenNoDate,
            timezone,
          ).toISOString(),
        },
        countsAsReply: false,
      };
    case 'unsubscribe':
      return settings.unsubscribe.everywhere ? { act: { act: 'unsubscribe' }, countsAsReply: false } : asToday;
    case 'wrong_person':
      return settings.wrongPerson.createReferral
        ? { act: { act: 'refer', referral: triage.referral ?? {} }, countsAsReply: false }
        : asToday;
    case 'not_now':
      if (!isReply || !settings.notNow.snooze) return asToday;
      return {
        act: {
          act: 'snooze',
          until: addDuration(receivedAt, settings.notNow.reenrollAfter, {
            businessDaysOnly: false,
            timezone,
          }).toISOString(),
        },
        countsAsReply: false,
      };
    case 'interested':
      if (!isReply || (!settings.interested.createTask && !settings.interested.moveDealToStage)) return asToday;
      return {
        act: {
          act: 'interested',
          createTask: settings.interested.createTask,
          moveDealToStage: settings.interested.moveDealToStage,
        },
        countsAsReply: true,
      };
    case 'not_interested':
    case 'bounce':
    case 'other':
      return asToday;
  }
}
