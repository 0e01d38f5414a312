/**
 * The day an away message says its writer is back, read from the text against the day it arrived:
 * "back on 14 January", "returning Monday", "until 12/20", "zurück am 3. Januar", "jusqu'au 5
 * septembre", "hasta el 10 de agosto", "until tomorrow", "back next week". Every date the message
 * names is read and the latest one wins ("from 8/3 through 8/14", "away from 19 December,
 * returning 5 January"). "Until X" is taken as back on X: the flow adds a business day anyway.
 * Dates without a year are the next such date on or after the arrival day.
 */

const MONTHS: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'januar', 'jänner', 'janvier', 'enero']],
  [2, ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero']],
  [3, ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo']],
  [4, ['april', 'apr', 'avril', 'abril']],
  [5, ['may', 'mai', 'mayo']],
  [6, ['june', 'jun', 'juni', 'juin', 'junio']],
  [7, ['july', 'jul', 'juli', 'juillet', 'julio']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto']],
  [9, ['september', 'sept', 'sep', 'septembre', 'septiembre']],
  [10, ['october', 'oct', 'oktober', 'octobre', 'octubre']],
  [11, ['november', 'nov', 'novembre', 'noviembre']],
  [12, ['december', 'dec', 'dezember', 'décembre', 'decembre', 'diciembre']],
];
const MONTH_OF = new Map(MONTHS.flatMap(([month, names]) => names.map((name) => [name, month] as const)));
const MONTH = `(${[...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;

const WEEKDAYS: Array<[number, string[]]> = [
  [0, ['sunday', 'sonntag', 'dimanche', 'domingo']],
  [1, ['monday', 'montag', 'lundi', 'lunes']],
  [2, ['tuesday', 'dienstag', 'mardi', 'martes']],
  [3, ['wednesday', 'mittwoch', 'mercredi', 'miércoles', 'miercoles']],
  [4, ['thursday', 'donnerstag', 'jeudi', 'jueves']],
  [5, ['friday', 'freitag', 'vendredi', 'viernes']],
  [6, ['saturday', 'samstag', 'samedi', 'sábado', 'sabado']],
];
const WEEKDAY_OF = new Map(WEEKDAYS.flatMap(([day, names]) => names.map((name) => [name, day] as const)));
const WEEKDAY = `(${[...WEEKDAY_OF.keys()].join('|')})`;
const ORDINAL = '(?:st|nd|rd|th|er|\\.)?';
const L = '(?<![\\p{L}\\d])'; // a word start that also works for "März"
const R = '(?![\\p{L}\\d])';

const DAY_MS = 86_400_000;
const utcDay = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);
const validDay = (year: number, month: number, day: number) =>
  month >= 1 && month <= 12 && day >= 1 && new Date(utcDay(year, month, day)).getUTCDate() === day;

type Reader = { pattern: RegExp; read: (match: RegExpExecArray, received: number) => number | undefined };

/** The next date with this month and day on or after the arrival day (a year later when it has passed). */
function nextMonthDay(received: number, month: number, day: number): number | undefined {
  const year = new Date(received).getUTCFullYear();
  for (const candidate of [year, year + 1]) {
    if (!validDay(candidate, month, day)) continue;
    const at = utcDay(candidate, month, day);
    if (at >= received) return at;
  }
  return undefined;
}

function exact(year: number, month: number, day: number): number | undefined {
  return validDay(year, month, day) ? utcDay(year, month, day) : undefined;
}

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** Readers in order; text a reader matched is blanked so later, looser readers do not read it again. */
const READERS: Reader[] = [
  {
    // 2026-11-20
    pattern: /(\d{4})-(\d{2})-(\d{2})/g,
    read: (m) => exact(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    // [Monday,] [the] 14[th] [of|de] January[,] [2027]: the weekday belongs to the date
    pattern: new RegExp(
      `${L}(?:${WEEKDAY},?\\s+)?(?:the\\s+)?(\\d{1,2})${ORDINAL}\\s+(?:of\\s+|de\\s+)?${MONTH}(?:,?\\s+(?:de\\s+)?(\\d{4}))?${R}`,
      'giu',
    ),
    read: (m, received) => {
      const month = MONTH_OF.get(m[3]!.toLowerCase())!;
      return m[4] ? exact(Number(m[4]), month, Number(m[2])) : nextMonthDay(received, month, Number(m[2]));
    },
  },
  {
    // [Monday,] January 15[th][, 2027]
    pattern: new RegExp(
      `${L}(?:${WEEKDAY},?\\s+)?${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?${R}`,
      'giu',
    ),
    read: (m, received) => {
      const month = MONTH_OF.get(m[2]!.toLowerCase())!;
      return m[4] ? exact(Number(m[4]), month, Number(m[3])) : nextMonthDay(received, month, Number(m[3]));
    },
  },
  {
    // early March, mid-March, end of March (no day): the first, the 15th, the last day
    pattern: new RegExp(`${L}(early|beginning of|mid-?|late|end of)\\s*${MONTH}(?:\\s+(\\d{4}))?${R}`, 'giu'),
    read: (m, received) => {
      const month = MONTH_OF.get(m[2]!.toLowerCase())!;
      const part = m[1]!.toLowerCase();
      const year = m[3] ? Number(m[3]) : undefined;
      const lastDay = (y: number) => new Date(Date.UTC(y, month, 0)).getUTCDate();
      const dayIn = (y: number) =>
        part.startsWith('mid') ? 15 : part === 'late' || part === 'end of' ? lastDay(y) : 1;
      if (year !== undefined) return exact(year, month, dayIn(year));
      const thisYear = new Date(received).getUTCFullYear();
      return nextMonthDay(received, month, dayIn(thisYear)) ?? exact(thisYear + 1, month, dayIn(thisYear + 1));
    },
  },
  {
    // the end of the year / of the month
    pattern: /\bend of (?:the |this )?(year|month)\b/gi,
    read: (m, received) => {
      const date = new Date(received);
      return m[1]!.toLowerCase() === 'year'
        ? utcDay(date.getUTCFullYear(), 12, 31)
        : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0);
    },
  },
  {
    // March 2027: the first of the month
    pattern: new RegExp(`${L}${MONTH}\\s+(\\d{4})${R}`, 'giu'),
    read: (m) => exact(Number(m[2]), MONTH_OF.get(m[1]!.toLowerCase())!, 1),
  },
  {
    // 12/20, 21/07, 8/14/2026 (month first unless the first number cannot be a month), 03.01.[2027]
    pattern: /(?<![\d/.])(\d{1,2})([/.])(\d{1,2})(?:\2(\d{2,4}))?(?![\d/])/g,
    read: (m, received) => {
      const [a, b] = [Number(m[1]), Number(m[3])];
      const dayFirst = m[2] === '.' || a > 12;
      const [month, day] = dayFirst ? [b, a] : [a, b];
      return m[4] ? exact(fullYear(m[4]), month, day) : nextMonthDay(received, month, day);
    },
  },
  {
    // the 14th, the 4th: this month, or the next when the day has passed
    pattern: /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/gi,
    read: (m, received) => {
      const date = new Date(received);
      for (let ahead = 0; ahead < 3; ahead++) {
        const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1 + ahead];
        const at = exact(year + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1, Number(m[1]));
        if (at !== undefined && at >= received) return at;
      }
      return undefined;
    },
  },
  {
    // tomorrow, morgen, demain, mañana
    pattern: new RegExp(`${L}(tomorrow|morgen|demain|mañana)${R}`, 'giu'),
    read: (_m, received) => received + DAY_MS,
  },
  {
    // next week: its Monday
    pattern: /\b(next week|nächste[nr]? woche|la semaine prochaine|la próxima semana)\b/giu,
    read: (_m, received) => received + ((8 - new Date(received).getUTCDay()) % 7 || 7) * DAY_MS,
  },
  {
    // [next] Monday: the next one after the arrival day
    pattern: new RegExp(`${L}(?:next\\s+)?${WEEKDAY}${R}`, 'giu'),
    read: (m, received) => {
      const wanted = WEEKDAY_OF.get(m[1]!.toLowerCase())!;
      return received + ((wanted - new Date(received).getUTCDay() + 7) % 7 || 7) * DAY_MS;
    },
  },
];

/** The latest date the text names as YYYY-MM-DD, or undefined when it names none. */
export function extractReturnDate(text: string, receivedAt: Date): string | undefined {
  const received = utcDay(receivedAt.getUTCFullYear(), receivedAt.getUTCMonth() + 1, receivedAt.getUTCDate());
  let rest = text;
  let latest: number | undefined;
  for (const { pattern, read } of READERS) {
    for (const match of rest.matchAll(pattern)) {
      const at = read(match as RegExpExecArray, received);
      if (at !== undefined && (latest === undefined || at > latest)) latest = at;
    }
    rest = rest.replace(pattern, (found: string) => ' '.repeat(found.length));
  }
  return latest === undefined ? undefined : new Date(latest).toISOString().slice(0, 10);
}
