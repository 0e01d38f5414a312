import { LEAD_STATUSES, LIFECYCLE_STAGES, type LeadOutcome } from '../index';

/** What scoring reads about one contact: its fields and its engagement with outreach. */
export interface LeadRecord {
  title: string | null;
  email: string | null;
  phone: string | null;
  hasCompany: boolean;
  lifecycleStage: string | null;
  leadStatus: string | null;
  tags: readonly string[];
  createdAt: Date;
  /** Emails sent to the contact, and how many of them were opened, clicked or replied to. */
  emailsSent: number;
  opens: number;
  clicks: number;
  replies: number;
}

// Decision-makers answer and buy more often; a title keyword is a cheap proxy for seniority.
const SENIOR_TITLE = /\b(chief|ceo|cto|cfo|coo|cmo|vp|vice president|head|director|founder|owner|president|partner)\b/i;

const DAY_MS = 24 * 60 * 60 * 1000;

type Extractor = (lead: LeadRecord, now: number) => number;

/** Counts are log-scaled: the tenth open says less than the first. */
const log = (n: number) => Math.log1p(Math.max(0, n));

const BASE: Array<[string, Extractor]> = [
  ['has_title', (l) => (l.title?.trim() ? 1 : 0)],
  ['senior_title', (l) => (l.title && SENIOR_TITLE.test(l.title) ? 1 : 0)],
  ['has_phone', (l) => (l.phone?.trim() ? 1 : 0)],
  ['has_company', (l) => (l.hasCompany ? 1 : 0)],
  ['business_email', (l) => (l.email && !/@(gmail|yahoo|hotmail|outlook|icloud|aol)\./i.test(l.email) ? 1 : 0)],
  ['tags', (l) => log(l.tags.length)],
  ['age_days', (l, now) => log((now - l.createdAt.getTime()) / DAY_MS)],
  ['emails_sent', (l) => log(l.emailsSent)],
  ['opens', (l) => log(l.opens)],
  ['clicks', (l) => log(l.clicks)],
  ['replies', (l) => log(l.replies)],
];

const ONE_HOT: Array<[string, Extractor]> = [
  ...LIFECYCLE_STAGES.map((stage): [string, Extractor] => [
    `stage_${stage}`,
    (l) => (l.lifecycleStage === stage ? 1 : 0),
  ]),
  ...LEAD_STATUSES.map((status): [string, Extractor] => [`status_${status}`, (l) => (l.leadStatus === status ? 1 : 0)]),
];

/**
 * The features a model for this outcome may use. A reply model must not see replies (the
 * label itself); a deal model must not see the stages a won deal moves a contact to.
 */
export function featureSetFor(outcome: LeadOutcome): Array<[string, Extractor]> {
  const leaky =
    outcome === 'replied' ? new Set(['replies']) : new Set(['stage_customer', 'stage_evangelist', 'status_open_deal']);
  return [...BASE, ...ONE_HOT].filter(([name]) => !leaky.has(name));
}

export const featureNamesFor = (outcome: LeadOutcome): string[] => featureSetFor(outcome).map(([name]) => name);

/** One contact's raw feature vector, in the order of `featureNamesFor(outcome)`. */
export function extractFeatures(lead: LeadRecord, outcome: LeadOutcome, now: number): number[] {
  return featureSetFor(outcome).map(([, extract]) => extract(lead, now));
}
