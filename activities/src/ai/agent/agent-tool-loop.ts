import { AGENT_TOOLS, type ContactSnapshot } from '@cadenza/core';
import type { ActionInputOf } from '../../flow/flow-action-input';
import type { ChatModelChoice } from '../chat-model-switch';
import type { AgentActionTools } from './ai-agent-action';
import type { AgentToolLoop } from './outreach-graph';
import { offlineToolPlan, type PlanFacts } from './offline-tool-plan';
import { chooseTaskPriority } from './task-priority-choice';
import { conversationOf, modelToolTurn } from './model-tool-choice';
import { researchFromTools } from './research-from-tools';
import { offeredTools } from './tools/tool-registry';
import { callRefusal, runToolCall, type ProposedToolCall } from './tools/run-tool-call';

const fieldText = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The step's tool loop: the tools its settings list, capped at maxSteps calls. With a model that
 * can call tools (OpenAI), the model chooses each call; with the local base model, the offline plan
 * does (offline-tool-plan.ts), and the model only chooses a new task's priority under a grammar.
 */
export function agentToolLoop(
  input: ActionInputOf<'ai_agent'>,
  tools: AgentActionTools,
  contact: ContactSnapshot,
  instructions: string,
  model: () => Promise<ChatModelChoice>,
): AgentToolLoop {
  const settings = input.node.settings;
  const offered = offeredTools(settings.tools);
  const name =
    [fieldText(contact.fields.firstName), fieldText(contact.fields.lastName)].filter(Boolean).join(' ') ||
    fieldText(contact.fields.email) ||
    'the contact';
  const facts: PlanFacts = {
    instructions,
    name,
    title: fieldText(contact.fields.title),
    company: fieldText(contact.fields.companyName),
  };
  const context = {
    db: tools.db,
    crm: tools.crm,
    knowledge: tools.knowledge,
    enroll: tools.enroll,
    tenantId: input.tenantId,
    contactId: input.contactId,
    enrollmentId: input.enrollmentId,
    flowId: input.flowId,
    actor: { kind: 'workflow' as const, id: input.enrollmentId },
  };
  return {
    offered: offered.map((tool) => tool.name),
    maxSteps: settings.maxSteps,
    needsApproval: (tool) => AGENT_TOOLS[tool].needsApproval,
    refusal: (call) => callRefusal(call, { stepKey: input.key, testMode: input.testMode, context }),
    run: (call) => runToolCall(call, { stepKey: input.key, testMode: input.testMode, context }),
    async next(made) {
      const choice = await model();
      const index = made.length;
      if (choice.active.provider !== 'local') {
        const label = [name, facts.title, facts.company && `at ${facts.company}`].filter(Boolean).join(', ');
        const turn = await modelToolTurn(choice, offered, conversationOf(instructions, label, made), index);
        return turn.kind === 'call'
          ? { call: turn.call, usage: turn.usage }
          : { call: null, notes: turn.text, usage: turn.usage };
      }
      const planned = offlineToolPlan(settings.tools, facts)[index];
      if (!planned) return { call: null };
      const call: ProposedToolCall = { index, tool: planned.tool, input: planned.input, chosenBy: 'plan' };
      if (planned.decide !== 'task_priority') return { call };
      const { priority, ...usage } = await chooseTaskPriority(choice, researchFromTools(made, null) ?? instructions);
      return { call: { ...call, input: { ...call.input, priority } }, usage };
    },
  };
}
