import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AgentToolName } from '@cadenza/core';
import type { FlowActor, FlowCrmPort } from '@cadenza/services/flow';
import type { KnowledgeSearch } from '@cadenza/services/ai';
import type { FlowActionDependencies } from '../../../flow/actions/action-tools';

/**
 * What a tool may reach while one agent step runs: always this run's contact, in this run's
 * tenant (every query names both), as the run (the audit log's actor).
 */
export interface AgentToolContext {
  db: DataSource;
  crm: FlowCrmPort;
  /** Semantic search over the workspace's knowledge; absent in a worker built without it. */
  knowledge: KnowledgeSearch | undefined;
  enroll: FlowActionDependencies['enroll'];
  tenantId: string;
  contactId: string;
  enrollmentId: string;
  flowId: string;
  actor: FlowActor;
}

interface ToolShape<S extends z.ZodObject, N extends AgentToolName> {
  name: N;
  /** What the model reads to decide whether to call it. */
  description: string;
  /** The arguments, each with `.describe()` (sent to the model as the tool's JSON schema). */
  input: S;
}

/** Reads only: runs every time it is called (a retry reads again). */
export type ReadTool<S extends z.ZodObject, N extends AgentToolName = AgentToolName> = ToolShape<S, N> & {
  kind: 'read';
  read(args: z.infer<S>, context: AgentToolContext): Promise<unknown>;
};

/**
 * Changes something, at most once per tool-call key. `check` refuses bad arguments before
 * anything is claimed (throw AgentToolInputError); `preview` is what a test run records instead.
 * `inDatabase`: the effect only writes PostgreSQL, so its key commits with it (onceInDatabase).
 */
export type EffectTool<S extends z.ZodObject, N extends AgentToolName = AgentToolName> = ToolShape<S, N> & {
  kind: 'effect';
  inDatabase: boolean;
  check(args: z.infer<S>, context: AgentToolContext): Promise<void>;
  preview(args: z.infer<S>, context: AgentToolContext): unknown;
  perform(manager: EntityManager, args: z.infer<S>, context: AgentToolContext): Promise<unknown>;
};

export type AgentTool<S extends z.ZodObject = z.ZodObject, N extends AgentToolName = AgentToolName> =
  ReadTool<S, N> | EffectTool<S, N>;

/** Arguments a tool refuses (a field that does not exist, a flow that is not published): the agent sees why. */
export class AgentToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentToolInputError';
  }
}
