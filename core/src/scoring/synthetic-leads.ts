import type { LeadRecord } from './lead-features';
import type { LabelledLead } from './lead-model';

/** A small seeded PRNG (mulberry32): tests and benchmarks get the same data on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ['CEO', 'VP Marketing', 'Head of Sales', 'Engineer', 'Intern', 'Analyst', null];
const STAGES = ['subscriber', 'lead', 'marketing_qualified_lead', 'sales_qualified_lead', 'opportunity'];

/** A random contact with plausible fields and engagement. */
export function syntheticLead(random: () => number, now: number): LeadRecord {
  const emailsSent = Math.floor(random() * 6);
  const opens = Math.floor(random() * (emailsSent + 1));
  const clicks = Math.floor(random() * (opens + 1));
  return {
    title: TITLES[Math.floor(random() * TITLES.length)]!,
    email: random() < 0.3 ? 'someone@gmail.com' : 'someone@company.test',
    phone: random() < 0.5 ? '+15550100' : null,
    hasCompany: random() < 0.7,
    lifecycleStage: STAGES[Math.floor(random() * STAGES.length)]!,
    leadStatus: random() < 0.5 ? 'new' : 'connected',
    tags: random() < 0.4 ? ['webinar'] : [],
    createdAt: new Date(now - Math.floor(random() * 365) * 86_400_000),
    emailsSent,
    opens,
    clicks,
    replies: random() < 0.1 ? 1 : 0,
  };
}

/**
 * The known signal: the outcome's log-odds rise with (log) clicks and a senior title and fall for
 * free-mail addresses. With `signal: false` the label is a coin flip, independent of the lead.
 */
export function trueLogOdds(lead: LeadRecord): number {
  const senior = lead.title && /CEO|VP|Head/.test(lead.title) ? 1 : 0;
  const freeMail = lead.email?.includes('@gmail.') ? 1 : 0;
  return -2 + 2.2 * Math.log1p(lead.clicks) + 1.6 * senior - 1.2 * freeMail;
}

export function syntheticLabelledLeads(count: number, seed: number, signal: boolean, now: number): LabelledLead[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const lead = syntheticLead(random, now);
    const p = signal ? 1 / (1 + Math.exp(-trueLogOdds(lead))) : 0.4;
    return { lead, label: random() < p ? 1 : 0 };
  });
}
