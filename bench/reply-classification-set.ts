import type { ReplyIntent } from '@cadenza/core';

/**
 * A small hand-labelled set of replies to sequence emails, six per label, written for this bench
 * (not drawn from any real mailbox). Some are deliberately indirect so keyword rules miss them.
 */
export const REPLY_CLASSIFICATION_SET: ReadonlyArray<{ text: string; label: ReplyIntent }> = [
  { label: 'interested', text: 'Sounds good, can we do a call on Thursday afternoon?' },
  { label: 'interested', text: 'Yes, please send me the pricing and a few time slots for a demo.' },
  { label: 'interested', text: "This is exactly what we've been looking for. Who should I talk to?" },
  { label: 'interested', text: 'Happy to chat. My calendar link is below, grab any slot.' },
  { label: 'interested', text: "I'd love to learn more about how this works with our CRM." },
  { label: 'interested', text: 'Let us set up a meeting next week with my team.' },
  { label: 'not_now', text: 'Not a priority this quarter, maybe reach out again in the autumn.' },
  { label: 'not_now', text: 'We just signed a budget freeze. Try me again in six months.' },
  { label: 'not_now', text: 'Timing is bad right now, please follow up after our product launch in March.' },
  { label: 'not_now', text: 'Interesting, but we are mid-migration. Ping me next year.' },
  { label: 'not_now', text: "Can you circle back in Q3? We don't have bandwidth until then." },
  { label: 'not_now', text: 'Too busy at the moment, later in the year could work.' },
  { label: 'not_interested', text: 'No thanks, we are happy with our current provider.' },
  { label: 'not_interested', text: "We're not interested in this kind of tool." },
  { label: 'not_interested', text: 'This is not a fit for us. Good luck though.' },
  { label: 'not_interested', text: 'We built something in-house already, so we will pass.' },
  { label: 'not_interested', text: 'Thanks but no, we do not need this.' },
  { label: 'not_interested', text: 'Not something we would ever buy, sorry.' },
  { label: 'unsubscribe', text: 'Please remove me from your mailing list.' },
  { label: 'unsubscribe', text: 'Unsubscribe.' },
  { label: 'unsubscribe', text: 'Stop emailing me. Take me off all your lists.' },
  { label: 'unsubscribe', text: "Don't contact me again, I never signed up for this." },
  { label: 'unsubscribe', text: 'Opt me out of these emails please.' },
  { label: 'unsubscribe', text: 'Remove this address from your database immediately.' },
  { label: 'out_of_office', text: 'I am out of the office until 14 July with limited access to email.' },
  { label: 'out_of_office', text: 'Auto-reply: I am on vacation and will respond when I return on Monday.' },
  { label: 'out_of_office', text: 'Thanks for your message. I am on parental leave until September.' },
  { label: 'out_of_office', text: 'Automatic reply: away at a conference this week, back on the 3rd.' },
  { label: 'out_of_office', text: 'I am currently travelling and checking email only occasionally until next Friday.' },
  { label: 'out_of_office', text: 'OOO until Jan 5. For urgent matters contact support@acme.test.' },
  { label: 'wrong_person', text: "I'm not the right person for this, you want our head of marketing." },
  { label: 'wrong_person', text: 'I no longer work at Acme, please update your records.' },
  { label: 'wrong_person', text: 'Wrong contact. Try reaching out to Maria in procurement instead.' },
  { label: 'wrong_person', text: "I don't handle purchasing decisions; that's our CTO, Ben." },
  { label: 'wrong_person', text: 'You have the wrong person, I am in finance, not sales.' },
  { label: 'wrong_person', text: 'This should go to our IT department, not me.' },
];
