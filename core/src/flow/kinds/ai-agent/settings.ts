import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { DurationSchema, templateText } from '../../primitives';
import { AGENT_TOOL_NAMES } from './agent-tools';

export const AiAgentSchema = nodeSchemaOf(
  'ai_agent',
  z.object({
    instructions: templateText('What the agent should achieve'),
    tools: z
      .array(
        z.enum(AGENT_TOOL_NAMES, {
          error: (issue) =>
            `unknown agent tool ${JSON.stringify(issue.input)}; the tools are ${AGENT_TOOL_NAMES.join(', ')}`,
        }),
      )
      .default([])
      .describe('Tools the agent may call, by name; only these are offered to it'),
    model: z.string().min(1).optional().describe("Model id; omitted means the tenant's default"),
    maxSteps: z.number().int().min(1).max(50).default(10).describe('Cap on tool calls, so a confused agent stops'),
    // The chain calls its tools (at most maxSteps calls), researches the contact from what they found,
    // scores it, drafts an email, waits for a human, then sends.
    requireApproval: z
      .boolean()
      .default(true)
      .describe('A marketer approves, edits or rejects the draft before it is sent'),
    approvalTimeout: DurationSchema.default({ amount: 3, unit: 'days' }).describe(
      'How long the run waits for a decision before taking the timeout output',
    ),
    draftMaxTokens: z.number().int().min(16).max(4000).default(200).describe('Upper bound on the drafted email length'),
  }),
);
