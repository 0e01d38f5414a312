import type { ContactCreate, Role } from '@cadenza/core';
import { createRng, type Rng } from './prng';

/**
 * The demo workspace as plain data, generated from a fixed seed: the same 500 contacts,
 * 60 companies, deals, tasks and notes on every machine. Every record carries a key that
 * stays the same across runs (email, name, title), which is what makes seeding idempotent.
 */

type LifecycleStage = NonNullable<ContactCreate['lifecycleStage']>;

export const DEMO_SEED = 20261128;
export const DEMO_CONTACT_COUNT = 500;
export const DEMO_COMPANY_COUNT = 60;

export interface DemoUser {
  role: Role;
  email: string;
  name: string;
  /** Fixed and printed at start: this is a sandbox, not an account to protect. */
  password: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'admin', email: 'admin@demo.cadenza.local', name: 'Ada Admin', password: 'demo-admin-password' },
  { role: 'marketer', email: 'marketer@demo.cadenza.local', name: 'Maya Marketer', password: 'demo-marketer-password' },
  { role: 'sales_rep', email: 'sales@demo.cadenza.local', name: 'Sam Sales', password: 'demo-sales-password' },
  { role: 'ops', email: 'ops@demo.cadenza.local', name: 'Omar Ops', password: 'demo-ops-password' },
];

/** The demo users; a tag (tests) gives other addresses, so parallel test workspaces share no account. */
export const demoUsers = (tag?: string): DemoUser[] =>
  DEMO_USERS.map((user) => (tag ? { ...user, email: user.email.replace('@', `+${tag}@`) } : user));

export interface DemoCompany {
  name: string;
  domain: string;
  industry: string;
  size: number;
}

export interface DemoContact {
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  /** Index into the company list. */
  company: number;
  lifecycleStage: LifecycleStage;
  timezone: string;
  tags: string[];
  score: number;
  /** Owned by the demo sales rep, so signing in as one shows a book of business. */
  ownedBySalesRep: boolean;
}

export interface DemoDeal {
  name: string;
  /** Index into the contact list. */
  contact: number;
  amount: number;
  /** Stage names it went through, in order; the last is where it is now (history on the timeline). */
  stages: string[];
  closeInDays: number;
}

export interface DemoTask {
  title: string;
  contact: number;
  dueInDays: number;
  done: boolean;
}

export interface DemoNote {
  contact: number;
  body: string;
}

export interface DemoWorkspace {
  companies: DemoCompany[];
  contacts: DemoContact[];
  deals: DemoDeal[];
  tasks: DemoTask[];
  notes: DemoNote[];
}

export const DEMO_PIPELINE = {
  name: 'Demo sales pipeline',
  stages: [
    { name: 'Qualified', probability: 10 },
    { name: 'Discovery', probability: 25 },
    { name: 'Proposal', probability: 50 },
    { name: 'Negotiation', probability: 75 },
    { name: 'Closed won', probability: 100 },
    { name: 'Closed lost', probability: 0 },
  ],
} as const;

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Oliver',
  'Sophia',
  'Elijah',
  'Isabella',
  'Lucas',
  'Mia',
  'Mateo',
  'Amelia',
  'Levi',
  'Harper',
  'Ethan',
  'Evelyn',
  'James',
  'Aria',
  'Benjamin',
  'Chloe',
  'Henry',
  'Priya',
  'Arjun',
  'Mei',
  'Hiroshi',
  'Fatima',
  'Omar',
  'Sofia',
  'Diego',
  'Ingrid',
  'Lars',
  'Chiara',
  'Luca',
  'Zanele',
  'Kwame',
  'Anika',
  'Tomasz',
  'Leila',
  'Rafael',
] as const;
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Lee',
  'Walker',
  'Hall',
  'Allen',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Patel',
  'Nguyen',
  'Kim',
  'Chen',
  'Tanaka',
  'Haddad',
  'Rossi',
  'Novak',
  'Larsen',
  'Okafor',
  'Mensah',
  'Silva',
  'Kowalski',
  'Fischer',
] as const;
const TITLES = [
  'VP of Sales',
  'Head of Marketing',
  'Marketing Manager',
  'Demand Generation Lead',
  'Sales Director',
  'Account Executive',
  'Chief Revenue Officer',
  'RevOps Manager',
  'Growth Lead',
  'CEO',
  'CTO',
  'Customer Success Manager',
  'Operations Director',
  'Product Marketing Manager',
  'SDR Team Lead',
] as const;
const COMPANY_PREFIXES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Wonka',
  'Pied Piper',
  'Aperture',
  'Black Mesa',
  'Oscorp',
  'Monarch',
  'Nakatomi',
  'Gringotts',
  'Dunder',
] as const;
const COMPANY_SUFFIXES = ['Labs', 'Systems', 'Analytics', 'Logistics', 'Health', 'Cloud', 'Foods', 'Energy'] as const;
const INDUSTRIES = [
  'Software',
  'Logistics',
  'Healthcare',
  'Retail',
  'Financial services',
  'Manufacturing',
  'Education',
  'Energy',
] as const;
const TIMEZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
] as const;
/** Weighted toward the top of the funnel, like a real database. */
const STAGES: readonly LifecycleStage[] = [
  'subscriber',
  'subscriber',
  'lead',
  'lead',
  'lead',
  'lead',
  'marketing_qualified_lead',
  'marketing_qualified_lead',
  'sales_qualified_lead',
  'opportunity',
  'customer',
  'customer',
  'evangelist',
];
const TAGS = ['webinar', 'newsletter', 'trial', 'enterprise', 'smb', 'event-2026', 'partner', 'inbound', 'outbound'];
const TASK_TITLES = [
  'Call {name} about pricing',
  'Send {name} the case study',
  'Book a demo with {name}',
  'Follow up with {name} after the webinar',
  'Check in with {name} on the trial',
] as const;
const NOTE_BODIES = [
  '{name} asked about the Salesforce integration and SSO. Wants a security review before Q1.',
  'Met {name} at the booth. Team of 12 SDRs, currently on spreadsheets and Outreach.',
  '{name} is comparing us with two other vendors; budget approved, decision next month.',
  'Intro call with {name}: main pain is sequences breaking when reps go on holiday.',
  '{name} replied to the nurture email, interested in the AI drafting feature.',
] as const;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function generateCompanies(rng: Rng, count = DEMO_COMPANY_COUNT): DemoCompany[] {
  const companies: DemoCompany[] = [];
  const seen = new Set<string>();
  // Walk the prefix×suffix grid in a seeded order so names are unique without retries.
  const pairs = COMPANY_PREFIXES.flatMap((prefix) => COMPANY_SUFFIXES.map((suffix) => `${prefix} ${suffix}`));
  while (companies.length < count) {
    const name = pairs[rng.int(0, pairs.length - 1)]!;
    if (seen.has(name)) continue;
    seen.add(name);
    // example.com subdomains stay inside the reserved documentation domains (RFC 2606).
    companies.push({
      name,
      domain: `${slug(name)}.example.com`,
      industry: rng.pick(INDUSTRIES),
      size: rng.int(5, 5000),
    });
  }
  return companies;
}

export function generateContacts(rng: Rng, companies: DemoCompany[], count = DEMO_CONTACT_COUNT): DemoContact[] {
  const contacts: DemoContact[] = [];
  const emails = new Set<string>();
  for (let i = 0; contacts.length < count; i++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const company = rng.int(0, companies.length - 1);
    const base = `${slug(firstName)}.${slug(lastName)}@${companies[company]!.domain}`;
    // Two people with the same name at the same company get a number, like a real mail server would.
    const email = emails.has(base) ? base.replace('@', `${i}@`) : base;
    emails.add(email);
    const tags = TAGS.filter(() => rng.chance(0.18));
    contacts.push({
      firstName,
      lastName,
      email,
      title: rng.pick(TITLES),
      company,
      lifecycleStage: rng.pick(STAGES),
      timezone: rng.pick(TIMEZONES),
      tags,
      score: rng.int(0, 100),
      ownedBySalesRep: rng.chance(0.2),
    });
  }
  return contacts;
}

export function generateDeals(rng: Rng, contacts: DemoContact[], companies: DemoCompany[]): DemoDeal[] {
  const stageNames = DEMO_PIPELINE.stages.map((stage) => stage.name);
  const deals: DemoDeal[] = [];
  contacts.forEach((contact, index) => {
    if (!['sales_qualified_lead', 'opportunity', 'customer'].includes(contact.lifecycleStage)) return;
    if (!rng.chance(0.7)) return;
    // Customers have won; the others are somewhere along the way, a few lost.
    const last = contact.lifecycleStage === 'customer' ? 4 : rng.chance(0.1) ? 5 : rng.int(0, 3);
    const stages = last === 5 ? [...stageNames.slice(0, rng.int(1, 3)), stageNames[5]!] : stageNames.slice(0, last + 1);
    deals.push({
      name: `${companies[contact.company]!.name} – ${contact.lastName} (#${index + 1})`,
      contact: index,
      amount: rng.int(20, 400) * 250,
      stages,
      closeInDays: rng.int(-60, 90),
    });
  });
  return deals;
}

const fill = (template: string, contact: DemoContact) =>
  template.replace('{name}', `${contact.firstName} ${contact.lastName}`);

export function generateTasks(rng: Rng, contacts: DemoContact[]): DemoTask[] {
  const tasks: DemoTask[] = [];
  contacts.forEach((contact, index) => {
    if (!rng.chance(0.25)) return;
    const dueInDays = rng.int(-10, 14);
    // The index makes the title a stable key even when two contacts share a name.
    tasks.push({
      title: `${fill(rng.pick(TASK_TITLES), contact)} (#${index + 1})`,
      contact: index,
      dueInDays,
      done: dueInDays < 0 && rng.chance(0.6),
    });
  });
  return tasks;
}

export function generateNotes(rng: Rng, contacts: DemoContact[]): DemoNote[] {
  const notes: DemoNote[] = [];
  contacts.forEach((contact, index) => {
    if (!rng.chance(0.3)) return;
    notes.push({ contact: index, body: fill(rng.pick(NOTE_BODIES), contact) });
  });
  return notes;
}

/** The whole demo workspace; a pure function of the seed. */
export function generateDemoWorkspace(seed = DEMO_SEED): DemoWorkspace {
  const rng = createRng(seed);
  const companies = generateCompanies(rng);
  const contacts = generateContacts(rng, companies);
  return {
    companies,
    contacts,
    deals: generateDeals(rng, contacts, companies),
    tasks: generateTasks(rng, contacts),
    notes: generateNotes(rng, contacts),
  };
}
