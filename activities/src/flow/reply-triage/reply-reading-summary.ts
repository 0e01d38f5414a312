import type { ReplyAct, ReplyTriage } from '@cadenza/core';

/** The intent as a person says it ("out of office", "wrong person"). */
const spoken = (intent: ReplyTriage['intent']) => intent.replace(/_/g, ' ');

/** The timeline line of a reading: "Reply read as out of office (93%), back 2027-01-04". */
export function readingSummary(triage: ReplyTriage, eventKind: 'reply' | 'auto_reply'): string {
  const what = eventKind === 'auto_reply' ? 'Automatic reply' : 'Reply';
  const details = [
    triage.returnDate ? `back ${triage.returnDate}` : null,
    triage.referral?.email || triage.referral?.name ? `refers to ${referralName(triage.referral)}` : null,
    triage.needsReview ? 'unsure: a person reviews it' : null,
  ].filter((part): part is string => part !== null);
  return [`${what} read as ${spoken(triage.intent)} (${Math.round(triage.confidence * 100)}%)`, ...details].join(', ');
}

/** How a referral is named in a summary or a task: "Dana Lee <dana@acme.test>", or whichever is known. */
export function referralName(referral: NonNullable<ReplyTriage['referral']>): string {
  if (referral.name && referral.email) return `${referral.name} <${referral.email}>`;
  return referral.name ?? referral.email ?? 'someone else';
}

/** The timeline line of an act, or null for an act that leaves nothing to say. */
export function actSummary(act: ReplyAct): string | null {
  switch (act.act) {
    case 'pause':
      return `Sequence paused until ${act.until.slice(0, 10)} (out of office)`;
    case 'snooze':
      return `Sequence snoozed until ${act.until.slice(0, 10)} (not now): enrolled again then`;
    case 'unsubscribe':
      return 'Asked to be removed: email suppressed and removed from every flow';
    case 'refer':
      return `Says ${referralName(act.referral)} is the right person: owner asked to follow up`;
    case 'interested':
      return 'Interested: owner asked to follow up';
    case 'review':
      return 'Reply not clear: owner asked to review it';
    case 'none':
      return null;
  }
}
