/**
 * Replies a person can simulate in one click, one per way a lead answers a sequence, so the
 * development outbox shows how Cadenza reads each (triage) and what the run does with it.
 * The out-of-office one goes out as an automatic reply (Auto-Submitted), as a responder sends it.
 */
export interface SampleReply {
  label: string;
  text: string;
  automatic: boolean;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Monday, 14 December": the way responders write a return date (UTC, as the server reads it). */
export function spokenDate(day: Date): string {
  return `${WEEKDAYS[day.getUTCDay()]}, ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
}

/** The next weekday at least `days` days after `now` (an out-of-office rarely ends on a Sunday). */
export function weekdayAfter(now: Date, days: number): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day;
}

export function sampleReplies(now: Date): SampleReply[] {
  const back = spokenDate(weekdayAfter(now, 5));
  return [
    { label: 'Interested', text: 'Sounds good — can we talk on Tuesday?', automatic: false },
    {
      label: 'Out of office',
      text: `Thank you for your email. I am out of the office until ${back} with limited access to email. I will reply when I am back.`,
      automatic: true,
    },
    {
      label: 'Not now',
      text: 'Thanks for reaching out. We are locked into our current contract until next year, so not right now. Maybe reach out again in the spring.',
      automatic: false,
    },
    {
      label: 'Wrong person',
      text: 'I am not the right person for this. Please talk to Dana Whitfield, our head of operations: dana.whitfield@example.com',
      automatic: false,
    },
    { label: 'Unsubscribe', text: 'Please remove me from your mailing list.', automatic: false },
  ];
}
