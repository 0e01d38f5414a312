import type { Referral } from '@cadenza/core';

/**
 * Who a "wrong person" reply points to: "contact jane.smith@acme.io instead", "talk to our Head of
 * Sales, Maria Lopez", "Tom Becker (tom.becker@initech.example) runs it now", "wenden Sie sich an
 * Herrn Müller". Read from the body without the quote and signature (the sender's own name and
 * address are not a referral). A name is a run of capitalised words that is not a title, team or
 * sentence opener; the one nearest an address, else the one after a pointing phrase, wins.
 */

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Capitalised words that are never a person's name in these replies. */
const NOT_A_NAME = new Set(
  (
    'I Hi Hello Hey Dear Thanks Thank Please Sorry Not No Yes Our The This That You Your He She His Her They We It My Mr Mrs Ms Dr ' +
    'Herrn Herr Frau Madame Monsieur Mme Sr Sra Señor Señora Head Vice President VP CEO CTO COO CMO CFO CRO SDR SDRs CRM IT HR EMEA ' +
    'Sales Marketing Revenue Operations Ops Growth Finance Procurement Purchasing Engineering Support Accounting Director Manager Lead ' +
    'Team Department Try Ask Contact Talk Speak Reach Email Write Forwarding Wrong Ich Bitte Je Contactez No Escriba Best Regards Cheers ' +
    'Kind Also Just Hard Good Great Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July ' +
    'August September October November December Berlin Acme Northwind Initech'
  ).split(' '),
);

const WORD = "\\p{Lu}[\\p{Ll}'’-]+";
const NAME_RUN = new RegExp(`(?<![\\p{L}])${WORD}(?:\\s+${WORD}){0,2}`, 'gu');
const POINTING =
  /(contact|talk to|talk with|speak (?:with|to)|reach out to|ask for|write to|email|want|is|took over|successor(?: is)?|wenden sie sich (?:bitte )?an|contactez(?: plutôt)?|escriba a|handles?|owns?|runs?|leads?)\b[^.!?\n]{0,40}$/i;

/** The name-like words of a capitalised run, with titles and openers trimmed from either end. */
function nameIn(run: string): string | undefined {
  const words = run.split(/\s+/);
  while (words.length && NOT_A_NAME.has(words[0]!)) words.shift();
  while (words.length && NOT_A_NAME.has(words.at(-1)!)) words.pop();
  if (!words.length || words.some((word) => NOT_A_NAME.has(word))) return undefined;
  return words.join(' ');
}

interface Candidate {
  name: string;
  index: number;
  end: number;
}

function nameCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(NAME_RUN)) {
    const name = nameIn(match[0]);
    if (!name) continue;
    const index = match.index + match[0].indexOf(name);
    found.push({ name, index, end: index + name.length });
  }
  return found;
}

export function extractReferral(body: string): Referral | undefined {
  const emails = [...body.matchAll(EMAIL)].map((match) => ({ email: match[0].replace(/\.$/, ''), index: match.index }));
  const withoutEmails = body.replace(EMAIL, (address) => ' '.repeat(address.length));
  const candidates = nameCandidates(withoutEmails);
  const email = emails[0];
  // Nearest a given address: "Tom Becker (tom@…)", "Priya Natarajan, priya@…", "Herrn Müller, mueller@…".
  const besideEmail = email
    ? (candidates.find((candidate) => candidate.end <= email.index && email.index - candidate.end <= 4) ??
      candidates.find(
        (candidate) =>
          candidate.index >= email.index + email.email.length &&
          candidate.index - (email.index + email.email.length) <= 3,
      ))
    : undefined;
  const pointedAt = candidates.find((candidate) =>
    POINTING.test(withoutEmails.slice(Math.max(0, candidate.index - 60), candidate.index)),
  );
  const chosen = besideEmail ?? pointedAt ?? candidates.find((candidate) => candidate.name.includes(' '));
  if (!chosen && !email) return undefined;
  return { ...(chosen ? { name: chosen.name } : {}), ...(email ? { email: email.email } : {}) };
}
