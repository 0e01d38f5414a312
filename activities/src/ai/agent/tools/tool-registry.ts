import type { z } from 'zod';
import type { AgentToolName } from '@cadenza/core';
import type { AgentTool } from './agent-tool';
import { createTaskTool } from './create-task-tool';
import { crmLookupTool } from './crm-lookup-tool';
import { enrollInFlowTool } from './enroll-in-flow-tool';
import { knowledgeSearchTool } from './knowledge-search-tool';
import { updateFieldTool } from './update-field-tool';

/** Every agent tool by name: a type mapped over AGENT_TOOL_NAMES, so a name without its module fails to compile. */
export const AGENT_TOOL_MODULES: { readonly [N in AgentToolName]: AgentTool<z.ZodObject, N> } = {
  crm_lookup: crmLookupTool,
  knowledge_search: knowledgeSearchTool,
  create_task: createTaskTool,
  update_field: updateFieldTool,
  enroll_in_flow: enrollInFlowTool,
};

/** The tools a step offers its agent: the ones its settings list, once each, in their order. */
export const offeredTools = (names: readonly AgentToolName[]): AgentTool[] =>
  [...new Set(names)].map((name) => AGENT_TOOL_MODULES[name]);
