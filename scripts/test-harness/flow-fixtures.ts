import { FlowDefinitionSchema, type Principal, type FlowDefinitionInput, type ContactCreate } from '@cadenza/core';
import { createContact, createFlow, createTenant, publishFlow, type DataSource } from '@cadenza/data';
import { randomUUID } from 'node:crypto';
import { harnessEgress } from './egress-allow';

/** An admin principal of a fresh tenant: what the API would pass for an admin API key. */
export async function adminOfNewTenant(db: DataSource, name = 'Flow tests'): Promise<Principal> {
  const tenant = await createTenant(db, name);
  return { tenantId: tenant.id, userId: null, role: 'admin', via: 'api_key' };
}

export async function newContact(db: DataSource, principal: Principal, fields: ContactCreate = {}): Promise<string> {
  const contact = await createContact(db, principal, { firstName: 'Ada', lastName: 'Lovelace', ...fields });
  return contact.id;
}

/** Creates a flow with this definition and publishes it as version 1. */
export async function publishedFlow(
  db: DataSource,
  principal: Principal,
  definition: FlowDefinitionInput,
  name = 'Test flow',
) {
  const flow = await createFlow(db, principal, { name, kind: 'sequence', draft: definition }, harnessEgress.allow);
  const version = await publishFlow(db, principal, flow.id, harnessEgress.allow);
  return { flowId: flow.id, version: version.version, definition: FlowDefinitionSchema.parse(version.definition) };
}

const at = (x: number) => ({ x, y: 0 });

/** A small builder so tests read as the flow they describe: nodes in order, edges by id. */
export function flowOf(
  nodes: Array<{ id: string; type: string; settings: unknown }>,
  edges: Array<[from: string, to: string, handle?: string]>,
  settings: Record<string, unknown> = {},
): FlowDefinitionInput {
  return {
    trigger: { id: 'start', type: 'manual', position: at(0), settings: {} },
    settings,
    nodes: nodes.map((node, index) => ({ ...node, position: at(index + 1) })),
    edges: edges.map(([from, to, handle]) => (handle ? { from, to, handle } : { from, to })),
  } as FlowDefinitionInput;
}

/** The input of a flow run of `flow` (as publishedFlow returns it) for one contact, as enrollment would start it. */
export const runInputOf = (
  principal: Principal,
  flow: Awaited<ReturnType<typeof publishedFlow>>,
  contactId: string,
  flowName = 'Test flow',
) => ({
  tenantId: principal.tenantId,
  flowId: flow.flowId,
  flowVersion: flow.version,
  flowName,
  contactId,
  enrollmentId: randomUUID(),
  definition: flow.definition,
  testMode: false,
  startedAt: new Date().toISOString(),
});
