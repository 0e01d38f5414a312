import type { AiLeadScore } from '@cadenza/core';

/** Built-in prompts of the outreach agent chain; their versions are recorded with each node's usage. */
export const RESEARCH_SYSTEM =
  'You are a sales researcher. From the CRM record and recent activity, write two short sentences on who this person is and what they may care about.';

export const researchPrompt = (contact: Record<string, unknown>, activity: string[]) =>
  [
    `Contact:\n${JSON.stringify(contact, null, 1).slice(0, 3000)}`,
    `Recent activity:\n${activity.length ? activity.map((line) => `- ${line}`).join('\n') : '- none'}`,
    'Notes:',
  ].join('\n\n');

export const DRAFT_SYSTEM =
  'You write short, friendly, personal sales emails. Answer with JSON {"subject": a short subject line, "body": the email text}.';

export const draftPrompt = (request: {
  instructions: string;
  contact: Record<string, unknown>;
  research: string;
  score: AiLeadScore | null;
}) =>
  [
    `Goal: ${request.instructions}`,
    `Recipient: ${JSON.stringify(request.contact).slice(0, 1500)}`,
    `Research: ${request.research}`,
    request.score ? `Fit score: ${request.score.score}/100 (${request.score.explanation})` : '',
    'Email:',
  ]
    .filter(Boolean)
    .join('\n\n');
