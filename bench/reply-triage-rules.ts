import type { ReplyIntent } from '@cadenza/core';

/**
 * The baseline reply triage is measured against: what a keyword filter in a mail rule would do
 * (first matching rule wins, "interested" when none does), reading subject and text. The first
 * five rules are the reply-classification bench's; bounce got its own, other has none.
 */
const RULES: Array<[RegExp, ReplyIntent]> = [
  [/undeliver|delivery (status|fail)|mail delivery|returned mail|mailer-daemon|failure notice/i, 'bounce'],
  [/out of (the )?office|auto(matic)?[- ]reply|vacation|\booo\b|on leave/i, 'out_of_office'],
  [/unsubscribe|remove me|opt me out|mailing list|stop email/i, 'unsubscribe'],
  [/wrong (person|contact)|not the right person|no longer work/i, 'wrong_person'],
  [/later|next (year|quarter)|circle back|in \w+ months|not now|follow up after/i, 'not_now'],
  [/no thanks|not interested|not a fit|pass\b/i, 'not_interested'],
];

export const keywordIntent = (reply: { text: string; subject?: string }): ReplyIntent => {
  const text = `${reply.subject ?? ''}\n${reply.text}`;
  return RULES.find(([pattern]) => pattern.test(text))?.[1] ?? 'interested';
};
