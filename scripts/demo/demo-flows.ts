import type { FlowDefinitionInput } from '@cadenza/core';

/**
 * The two published demo flows. Node ids are stable so the designer, the README tour and
 * the screenshots can point at them.
 */

export const OUTREACH_FLOW_NAME = 'Demo: four-step outreach';
export const AI_CHAIN_FLOW_NAME = 'Demo: AI-drafted follow-up';

type SendingWindow = NonNullable<NonNullable<FlowDefinitionInput['settings']['sendingWindow']>>;

/** Business hours in New York; the contact's own timezone when it is known (the flow's otherwise). */
export const BUSINESS_HOURS: SendingWindow = {
  timezone: 'America/New_York',
  useContactTimezone: true,
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
};

const at = (x: number, y: number) => ({ x: x * 260, y: y * 140 });

/** `threaded`: a follow-up answering the run's previous email in its thread (its own subject is then unused). */
const email = (id: string, x: number, y: number, subject: string, body: string, threaded = false) => ({
  id,
  type: 'send_email' as const,
  position: at(x, y),
  settings: { subject, body, ...(threaded ? { threadWithPrevious: true } : {}) },
});

const waitForReply = (id: string, x: number, y: number, days: number) => ({
  id,
  type: 'wait_for_event' as const,
  position: at(x, y),
  settings: { event: { kind: 'reply' as const }, timeout: { amount: days, unit: 'days' as const } },
});

/**
 * Four emails, each followed by a wait for a reply. A reply takes the "next" output: tag the
 * contact and leave. Silence takes "timeout" to the next email; after the fourth, the run ends.
 * The follow-ups answer in the thread of the email before them, as sales tools send them; the
 * case study starts a thread of its own (a new subject on purpose), and the break-up answers it.
 */
export function outreachFlowDefinition(window: SendingWindow = BUSINESS_HOURS): FlowDefinitionInput {
  return {
    trigger: { id: 'start', type: 'manual', position: at(0, 0), settings: {} },
    settings: { sendingWindow: window },
    nodes: [
      email(
        'intro_email',
        1,
        0,
        'Quick question, {{contact.firstName}}',
        'Hi {{contact.firstName}},\n\nTeams like yours use Cadenza to keep outreach running while reps are away. Worth a 15-minute call?\n\nBest,\nSam',
      ),
      waitForReply('wait_reply_1', 2, 0, 3),
      email(
        'follow_up_1',
        3,
        0,
        'Re: Quick question, {{contact.firstName}}',
        'Hi {{contact.firstName}}, bumping this up in case it got buried. Happy to share how others run sequences on Cadenza.',
        true,
      ),
      waitForReply('wait_reply_2', 4, 0, 3),
      email(
        'case_study',
        5,
        0,
        'How a team of 12 SDRs stopped losing leads',
        'Hi {{contact.firstName}}, here is a short case study that may be relevant to your team.',
      ),
      waitForReply('wait_reply_3', 6, 0, 4),
      email(
        'break_up',
        7,
        0,
        'Should I close your file, {{contact.firstName}}?',
        'Hi {{contact.firstName}}, I will stop writing after this one. If timing is better later, just reply.',
        true,
      ),
      { id: 'tag_replied', type: 'add_tag', position: at(3, 1), settings: { tag: 'replied' } },
      { id: 'exit_replied', type: 'exit', position: at(4, 1), settings: { reason: 'replied' } },
      { id: 'exit_no_reply', type: 'exit', position: at(8, 0), settings: { reason: 'no reply after four emails' } },
    ],
    edges: [
      { from: 'start', to: 'intro_email' },
      { from: 'intro_email', to: 'wait_reply_1' },
      { from: 'wait_reply_1', to: 'tag_replied' },
      { from: 'wait_reply_1', to: 'follow_up_1', handle: 'timeout' },
      { from: 'follow_up_1', to: 'wait_reply_2' },
      { from: 'wait_reply_2', to: 'tag_replied' },
      { from: 'wait_reply_2', to: 'case_study', handle: 'timeout' },
      { from: 'case_study', to: 'wait_reply_3' },
      { from: 'wait_reply_3', to: 'tag_replied' },
      { from: 'wait_reply_3', to: 'break_up', handle: 'timeout' },
      { from: 'break_up', to: 'exit_no_reply' },
      { from: 'tag_replied', to: 'exit_replied' },
    ],
  };
}

/** How long a demo draft waits in the approvals inbox before its run gives up on it. */
export const AI_APPROVAL_DAYS = 7;
/** The local model writes the demo drafts on a laptop's CPU at first start: short drafts keep that to seconds each. */
export const AI_DRAFT_MAX_TOKENS = 96;

/**
 * The AI agent chain: the `ai_agent` step researches the contact with its tools, scores the fit, drafts an
 * email with the local model and waits for a person in the approvals inbox. Approved, the draft
 * is sent at once (a person released it, so no sending window) and the run waits for a reply;
 * rejected or left undecided, the run ends without sending anything.
 */
export function aiChainFlowDefinition(): FlowDefinitionInput {
  return {
    trigger: { id: 'start', type: 'manual', position: at(0, 0), settings: {} },
    settings: {},
    nodes: [
      {
        id: 'agent',
        type: 'ai_agent',
        position: at(1, 0),
        settings: {
          instructions:
            'Follow up with {{contact.firstName}}, {{contact.title}}, who showed interest in automating sales outreach: offer a 15-minute call this week.',
          // The research reads the record and searches the knowledge base and the contact's notes
          // (the agent's read-only tools), rather than a model pasting the raw record.
          tools: ['crm_lookup', 'knowledge_search'],
          maxSteps: 2,
          requireApproval: true,
          approvalTimeout: { amount: AI_APPROVAL_DAYS, unit: 'days' },
          draftMaxTokens: AI_DRAFT_MAX_TOKENS,
        },
      },
      waitForReply('wait_reply', 2, 0, 5),
      { id: 'tag_replied', type: 'add_tag', position: at(3, 0), settings: { tag: 'replied' } },
      { id: 'exit_replied', type: 'exit', position: at(4, 0), settings: { reason: 'replied' } },
      { id: 'exit_no_reply', type: 'exit', position: at(3, 1), settings: { reason: 'no reply to the AI follow-up' } },
      { id: 'exit_rejected', type: 'exit', position: at(2, 1), settings: { reason: 'draft rejected' } },
      { id: 'exit_expired', type: 'exit', position: at(2, 2), settings: { reason: 'draft not approved in time' } },
    ],
    edges: [
      { from: 'start', to: 'agent' },
      { from: 'agent', to: 'wait_reply' },
      { from: 'agent', to: 'exit_rejected', handle: 'rejected' },
      { from: 'agent', to: 'exit_expired', handle: 'timeout' },
      { from: 'wait_reply', to: 'tag_replied' },
      { from: 'wait_reply', to: 'exit_no_reply', handle: 'timeout' },
      { from: 'tag_replied', to: 'exit_replied' },
    ],
  };
}
