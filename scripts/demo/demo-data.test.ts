import { ContactCreateSchema, CompanyCreateSchema } from '@cadenza/core';
import { DEMO_COMPANY_COUNT, DEMO_CONTACT_COUNT, DEMO_PIPELINE, DEMO_USERS, generateDemoWorkspace } from './demo-data';

describe('generateDemoWorkspace', () => {
  const workspace = generateDemoWorkspace();

  it('is the same on every call (deterministic) and differs with another seed', () => {
    expect(generateDemoWorkspace()).toEqual(workspace);
    expect(generateDemoWorkspace(1).contacts[0]).not.toEqual(workspace.contacts[0]);
  });

  it('has 500 contacts with unique emails on example.com domains, and 60 companies with unique names', () => {
    expect(workspace.contacts).toHaveLength(DEMO_CONTACT_COUNT);
    expect(workspace.companies).toHaveLength(DEMO_COMPANY_COUNT);
    const emails = workspace.contacts.map((contact) => contact.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((email) => email.endsWith('.example.com'))).toBe(true);
    expect(new Set(workspace.companies.map((company) => company.name)).size).toBe(DEMO_COMPANY_COUNT);
  });

  it('produces records the CRM schemas accept', () => {
    for (const company of workspace.companies) expect(CompanyCreateSchema.safeParse(company).success).toBe(true);
    for (const { company: _company, ownedBySalesRep: _owned, ...fields } of workspace.contacts) {
      const parsed = ContactCreateSchema.safeParse(fields);
      expect(parsed.error?.issues).toBeUndefined();
    }
  });

  it('spreads contacts over lifecycle stages, timezones and companies', () => {
    expect(new Set(workspace.contacts.map((c) => c.lifecycleStage)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(workspace.contacts.map((c) => c.timezone)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(workspace.contacts.map((c) => c.company)).size).toBeGreaterThan(50);
    expect(workspace.contacts.some((c) => c.tags.length > 0)).toBe(true);
  });

  it('has deals walking the pipeline in order, tasks and notes with unique keys', () => {
    const stageNames: string[] = DEMO_PIPELINE.stages.map((stage) => stage.name);
    expect(workspace.deals.length).toBeGreaterThan(40);
    for (const deal of workspace.deals) {
      const positions = deal.stages.map((name) => stageNames.indexOf(name));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    expect(new Set(workspace.deals.map((d) => d.name)).size).toBe(workspace.deals.length);
    expect(new Set(workspace.tasks.map((t) => t.title)).size).toBe(workspace.tasks.length);
    expect(workspace.tasks.some((t) => t.done)).toBe(true);
    expect(workspace.notes.length).toBeGreaterThan(50);
  });

  it('has one demo user per role with a password the sign-up rules accept', () => {
    expect(DEMO_USERS.map((user) => user.role).sort()).toEqual(['admin', 'marketer', 'ops', 'sales_rep']);
    for (const user of DEMO_USERS) expect(user.password.length).toBeGreaterThanOrEqual(12);
  });
});
