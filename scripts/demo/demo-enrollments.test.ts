import { generateDemoWorkspace } from './demo-data';
import { demoAutoApprovedEmails, DEMO_AUTO_APPROVED } from './demo-approvals';
import {
  DEMO_AI_ENROLLMENT_COUNT,
  DEMO_ENROLLMENT_COUNT,
  demoAiLeadEmails,
  demoEnrollmentEmails,
} from './demo-enrollments';

describe('demo enrollments', () => {
  const stageOf = new Map(generateDemoWorkspace().contacts.map((contact) => [contact.email, contact.lifecycleStage]));

  it('enrolls 36 top-of-funnel leads in the outreach sequence and 6 sales-qualified ones in the AI chain', () => {
    const outreach = demoEnrollmentEmails();
    const ai = demoAiLeadEmails();
    expect(new Set(outreach).size).toBe(DEMO_ENROLLMENT_COUNT);
    expect(new Set(ai).size).toBe(DEMO_AI_ENROLLMENT_COUNT);
    expect(outreach.every((email) => ['lead', 'marketing_qualified_lead'].includes(stageOf.get(email)!))).toBe(true);
    expect(ai.every((email) => stageOf.get(email) === 'sales_qualified_lead')).toBe(true);
    // The two flows never compete for a contact.
    expect(ai.filter((email) => outreach.includes(email))).toEqual([]);
  });

  it('is the same every time, and the auto-approved drafts are the first AI leads', () => {
    expect(demoAiLeadEmails()).toEqual(demoAiLeadEmails());
    expect(demoAutoApprovedEmails()).toEqual(demoAiLeadEmails().slice(0, DEMO_AUTO_APPROVED));
    expect(DEMO_AUTO_APPROVED).toBeLessThan(DEMO_AI_ENROLLMENT_COUNT);
  });
});
