/**
 * Writes the labelled reply set (train.jsonl, dev.jsonl, test.jsonl beside this file) from the
 * hand-written cores in reply-cores.ts: each core wrapped the way real mail wraps it, seeded, so a
 * rebuild gives the same files. Run: `npx tsx services/src/ai/reply-triage/replies/build-reply-set.ts`.
 *
 * Split per intent by core (60/20/20: of every five cores, three train, one dev, one test), so a
 * test reply's words never appear in training. The train split carries each of its cores in
 * TRAIN_WRAPPINGS different wrappings (the classifier should learn the words, not the wrapping);
 * dev and test carry each core once.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPLY_INTENTS, type ReplyIntent } from '@cadenza/core';
import { REPLY_CORES, type ReplyCore } from './reply-cores';
import type { LabelledReply, ReplySplit } from './labelled-reply';

const TRAIN_WRAPPINGS = 3;

/** mulberry32: a small seeded generator, so the files are reproducible. */
function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;

const SALES_EMAILS: ReadonlyArray<{ subject: string; body: string }> = [
  {
    subject: 'Quick question',
    body: "Hi there,\n\nI noticed your team is hiring SDRs. Would you be interested in a 15-minute call to see how Cadenza automates outreach sequences?\n\nIf you're not the right person, who should I talk to?\n\nBest,\nSam",
  },
  {
    subject: 'Cadenza for your sales team',
    body: "Hello,\n\nTeams like yours use Cadenza to run follow-ups without dropping leads. Are you free for a short demo next week?\n\nIf you'd rather not hear from me, just reply unsubscribe.\n\nSam Sales\nAccount Executive, Cadenza",
  },
  {
    subject: 'intro',
    body: 'Hi,\n\nFollowing up on my last note: is automating your CRM follow-ups a priority this quarter, or should I check back later?\n\nThanks,\nSam',
  },
  {
    subject: 'Following up',
    body: 'Just bumping this to the top of your inbox. Interested in a quick chat? Happy to send pricing.\n\nSam',
  },
];

const GREETINGS = [
  'Hi Sam,',
  'Hello Sam,',
  'Sam,',
  'Hi,',
  'Hey Sam!',
  'Dear Sam,',
  'Good morning,',
  'Hallo Sam,',
  'Bonjour,',
];
const SIGN_OFFS = [
  'Thanks,',
  'Best,',
  'Regards,',
  'Cheers',
  'Kind regards,',
  'Best regards,',
  'BR',
  'Thank you,',
  'Sincerely,',
];
const NAMES = ['John', 'Maria', 'K. Tanaka', 'Dave', 'Jens', 'Aisha', 'Pierre', 'Lucía', 'Tom', 'Priya'];
const SIGNATURES = [
  'John Miller | VP Sales | Acme Inc.\nT: +1 555 0100 | www.acme.io',
  '--\nMaria Lopez\nHead of Marketing\nGlobex Corporation\nmaria.lopez@globex.example\n+34 600 000 000',
  'Dave Brooks\nFounder & CEO, Brooks Logistics\nM: 07700 900 456\nLinkedIn: linkedin.com/in/davebrooks',
  '-- \nJens Hoffmann\nLeiter Vertrieb\nBeispiel GmbH | Hauptstraße 1 | 10115 Berlin\nTel. +49 30 1234567',
  'Aisha Khan\nOperations Manager\nInitech Ltd.\n[Book a meeting with me]',
  '__\nPriya Natarajan | Director of Revenue Operations | Umbrella Corp | priya@umbrella.example',
];
const DISCLAIMERS = [
  'CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender immediately and delete it. Any unauthorised use is prohibited.',
  'This email and any files transmitted with it are confidential and intended solely for the use of the individual or entity to whom they are addressed. If you have received this email in error please notify the system manager.',
  'DISCLAIMER: The information contained in this message is intended only for the recipient. Please consider the environment before printing this email.',
  'Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail.',
];
const MOBILE_FOOTERS = [
  'Sent from my iPhone',
  'Get Outlook for Android',
  'Sent from my Galaxy',
  'Von meinem iPhone gesendet',
  'Sent from Mail for Windows',
  'Envoyé de mon iPad',
];

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const LONG_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function quoted(random: Random, email: { subject: string; body: string }): string {
  const day = Math.floor(random() * 5);
  const style = Math.floor(random() * 6);
  const sender = 'Sam Sales <sam@cadenza.example>';
  const arrowed = email.body
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
  switch (style) {
    case 0:
      return `On ${DAYS[day]}, Nov ${3 + day}, 2026 at 9:14 AM ${sender} wrote:\n${arrowed}`;
    case 1:
      return `From: ${sender}\nSent: ${LONG_DAYS[day]}, November ${3 + day}, 2026 9:14 AM\nTo: you@customer.example\nSubject: ${email.subject}\n\n${email.body}`;
    case 2:
      return `-----Original Message-----\nFrom: Sam Sales [mailto:sam@cadenza.example]\nSent: ${LONG_DAYS[day]}, November ${3 + day}, 2026 09:14\nSubject: ${email.subject}\n\n${email.body}`;
    case 3:
      return `________________________________\nFrom: Sam Sales\nSent: ${3 + day}/11/2026 09:14\nSubject: ${email.subject}\n\n${email.body}`;
    case 4:
      return `Am 0${3 + day}.11.2026 um 09:14 schrieb ${sender}:\n${arrowed}`;
    default:
      return `Le ${DAYS[day]?.toLowerCase()}. ${3 + day} nov. 2026 à 09:14, ${sender} a écrit :\n${arrowed}`;
  }
}

/** A typo or two: two neighbouring letters swapped in a longer word. */
function withTypos(random: Random, text: string): string {
  return text.replace(/\b[a-z]{6,}\b/g, (word) => {
    if (!chance(random, 0.15)) return word;
    const i = 1 + Math.floor(random() * (word.length - 3));
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  });
}

function styled(random: Random, text: string): string {
  const roll = random();
  if (roll < 0.08) return text.toLowerCase();
  if (roll < 0.12) return text.toUpperCase();
  if (roll < 0.2) return text.replace(/[.,!;:]/g, '');
  if (roll < 0.35) return withTypos(random, text);
  return text;
}

/** A person's reply: greeting, the core, a sign-off, a signature, a footer, the quoted email. */
function humanReply(random: Random, core: string): { text: string; subject?: string } {
  const email = pick(random, SALES_EMAILS);
  const parts: string[] = [];
  if (chance(random, 0.4)) parts.push(pick(random, GREETINGS));
  parts.push(styled(random, core));
  if (chance(random, 0.5)) parts.push(`${pick(random, SIGN_OFFS)}\n${pick(random, NAMES)}`);
  if (chance(random, 0.3)) parts.push(pick(random, SIGNATURES));
  if (chance(random, 0.2)) parts.push(pick(random, MOBILE_FOOTERS));
  if (chance(random, 0.15)) parts.push(pick(random, DISCLAIMERS));
  if (chance(random, 0.55)) parts.push(quoted(random, email));
  const subject = chance(random, 0.8)
    ? `${pick(random, ['Re: ', 'RE: ', 'AW: ', 'Re: Re: '])}${email.subject}`
    : undefined;
  return { text: parts.join('\n\n'), ...(subject ? { subject } : {}) };
}

/** An automatic message (away or bounce): its own subject most of the time, sometimes the original below. */
function automaticReply(
  random: Random,
  text: string,
  subject: string,
  intent: ReplyIntent,
): { text: string; subject?: string } {
  const email = pick(random, SALES_EMAILS);
  const parts = [text];
  if (intent === 'out_of_office' && chance(random, 0.3)) parts.push(pick(random, SIGNATURES));
  if (intent === 'out_of_office' && chance(random, 0.1)) parts.push(pick(random, DISCLAIMERS));
  if (intent === 'bounce' && chance(random, 0.5))
    parts.push(`----- Original message -----\nSubject: ${email.subject}\n\n${email.body}`);
  else if (chance(random, 0.2)) parts.push(quoted(random, email));
  const roll = random();
  const chosen = roll < 0.8 ? subject : roll < 0.9 ? `Re: ${email.subject}` : undefined;
  return { text: parts.join('\n\n'), ...(chosen ? { subject: chosen } : {}) };
}

function receivedAt(random: Random): string {
  const start = Date.parse('2026-01-05T00:00:00Z');
  const day = Math.floor(random() * 360);
  const minutes = 7 * 60 + Math.floor(random() * 11 * 60);
  return new Date(start + day * 86_400_000 + minutes * 60_000).toISOString();
}

function wrap(random: Random, intent: ReplyIntent, core: ReplyCore, id: string): LabelledReply {
  const [text, subject] = typeof core === 'string' ? [core, undefined] : core;
  const reply = subject === undefined ? humanReply(random, text) : automaticReply(random, text, subject, intent);
  return { id, intent, ...reply, receivedAt: receivedAt(random) };
}

export function buildReplySet(): Record<ReplySplit, LabelledReply[]> {
  const random = seeded(22);
  const sets: Record<ReplySplit, LabelledReply[]> = { train: [], dev: [], test: [] };
  for (const intent of REPLY_INTENTS) {
    REPLY_CORES[intent].forEach((core, index) => {
      const slot = index % 5;
      const split: ReplySplit = slot < 3 ? 'train' : slot === 3 ? 'dev' : 'test';
      const copies = split === 'train' ? TRAIN_WRAPPINGS : 1;
      for (let copy = 0; copy < copies; copy++)
        sets[split].push(wrap(random, intent, core, `${intent}-${index}${copies > 1 ? `-${copy}` : ''}`));
    });
  }
  return sets;
}

if (require.main === module) {
  const sets = buildReplySet();
  for (const [split, replies] of Object.entries(sets)) {
    writeFileSync(
      path.join(__dirname, `${split}.jsonl`),
      replies.map((reply) => JSON.stringify(reply)).join('\n') + '\n',
    );
    console.log(`${split}: ${replies.length} replies`);
  }
}
