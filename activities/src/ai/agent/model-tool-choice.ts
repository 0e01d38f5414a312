import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { isAgentToolName, type AgentToolCallTrace, type LlmUsage } from '@cadenza/core';
import type { ChatModelChoice } from '../chat-model-switch';
import { callChatModel } from '../call-chat-model';
import { usageOf } from '../ai-steps';
import { promptVersionOf } from '../ai-prompts';
import type { AgentTool } from './tools/agent-tool';
import type { ProposedToolCall } from './tools/run-tool-call';

const SYSTEM =
  'You are a CRM agent working on one contact. Use the tools to learn about the contact and to act as the ' +
  'instructions ask; call one tool at a time. When you are done, answer with short research notes about the ' +
  'contact for the email that will be drafted next (facts only, no email).';

const REPLY_TOKENS = 400;

/** The model's turn: a tool to call, or its closing notes. */
export type ModelTurn = ({ kind: 'call'; call: ProposedToolCall } | { kind: 'notes'; text: string }) & {
  usage: LlmUsage;
};

/** The offered tools in the chat-completions shape, their arguments as JSON schema from the zod input. */
const toolSpecsOf = (tools: readonly AgentTool[]) =>
  tools.map((tool) => ({
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: z.toJSONSchema(tool.input) },
  }));

/** The conversation so far: each earlier call as the model's tool call and the tool's answer. */
export function conversationOf(instructions: string, contactLabel: string, calls: readonly AgentToolCallTrace[]) {
  const messages: BaseMessage[] = [
    new SystemMessage(SYSTEM),
    new HumanMessage(`Instructions: ${instructions}\nContact: ${contactLabel}`),
  ];
  for (const call of calls) {
    const id = `call_${call.index}`;
    messages.push(
      new AIMessage({ content: '', tool_calls: [{ id, name: call.tool, args: call.input, type: 'tool_call' }] }),
    );
    messages.push(
      new ToolMessage({
        tool_call_id: id,
        content: JSON.stringify(call.error ? { error: call.error } : (call.output ?? null)),
      }),
    );
  }
  return messages;
}

/**
 * Asks an instruction-following model (OpenAI or a compatible server) what to do next, with
 * real tool calling: only the offered tools are sent, so it cannot name another. A reply naming
 * a tool it was not offered is treated as no call (the loop ends), never run.
 */
export async function modelToolTurn(
  choice: ChatModelChoice,
  tools: readonly AgentTool[],
  conversation: BaseMessage[],
  index: number,
): Promise<ModelTurn> {
  const call = await callChatModel(choice, conversation, { maxTokens: REPLY_TOKENS, tools: toolSpecsOf(tools) });
  const usage = usageOf(choice, promptVersionOf(SYSTEM), call);
  const [first] = call.toolCalls;
  const offered = new Set(tools.map((tool) => tool.name));
  if (first && isAgentToolName(first.name) && offered.has(first.name))
    return {
      kind: 'call',
      call: {
        index,
        tool: first.name,
        input: first.args,
        chosenBy: 'model',
        ...(first.id ? { callId: first.id } : {}),
      },
      usage,
    };
  return { kind: 'notes', text: call.text.trim(), usage };
}
