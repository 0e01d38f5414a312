import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowEgressTo } from './egress-allow';

/** A chat-completions request as the double received it. */
export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: unknown } }>;
  response_format?: { type: string; json_schema?: { name: string; schema: { properties?: Record<string, unknown> } } };
}

/** What the double answers: text, one tool call, or an HTTP error (a vendor outage). */
export type ChatReply =
  { content: string } | { toolCall: { name: string; arguments: Record<string, unknown> } } | { status: number };

export interface OpenAiDouble {
  /** The OPENAI_BASE_URL to configure (its port is allowed through the egress guard). */
  baseUrl: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * A local server speaking OpenAI's /v1/chat/completions wire format, tool calls included (the
 * vendor cannot be reached from tests). `answer` decides each reply from the request and its
 * position; usage is 12 prompt and 7 completion tokens a call.
 */
export async function startOpenAiDouble(
  answer: (request: ChatRequest, index: number) => ChatReply,
): Promise<OpenAiDouble> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      if (request.url !== '/v1/chat/completions') return void response.writeHead(404).end();
      const body = JSON.parse(raw) as ChatRequest;
      requests.push(body);
      const reply = answer(body, requests.length - 1);
      if ('status' in reply)
        return void response
          .writeHead(reply.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'the double is down', type: 'server_error' } }));
      const message =
        'toolCall' in reply
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: `call_${requests.length}`,
                  type: 'function',
                  function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.arguments) },
                },
              ],
            }
          : { role: 'assistant', content: reply.content };
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: 'toolCall' in reply ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  allowEgressTo(port);
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** How many tool results the conversation already holds: the agent's turn number. */
export const toolResultsIn = (request: ChatRequest): number =>
  request.messages.filter((message) => message.role === 'tool').length;

/**
 * Answers an agent chain as an instruction-following vendor model would: while offered tools,
 * the scripted calls in turn, then `notes`; a lead score, a draft and plain research otherwise.
 */
export function agentChainAnswers(
  script: Array<{ name: string; arguments: Record<string, unknown> }>,
  notes = 'Grace leads engineering at Navy Labs and asked about pricing.',
): (request: ChatRequest) => ChatReply {
  return (request) => {
    if (request.tools?.length) {
      const turn = script[toolResultsIn(request)];
      return turn ? { toolCall: turn } : { content: notes };
    }
    const properties = request.response_format?.json_schema?.schema.properties ?? {};
    if ('score' in properties) return { content: '{"score":72,"explanation":"Senior title and an open deal."}' };
    if ('subject' in properties)
      return {
        content: JSON.stringify({
          subject: 'A shorter follow-up routine',
          body: 'Hi Grace,\n\nWould a 20-minute demo next week help your team follow up faster?\n\nBest regards',
        }),
      };
    return { content: notes };
  };
}
