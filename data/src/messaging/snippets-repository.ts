import {
  ConflictError,
  NotFoundError,
  strictTemplatesOf,
  UserError,
  type FlowDefinition,
  type SnippetView,
  type SnippetWrite,
} from '@cadenza/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { Db } from '../crm/crm-write';
import {
  reachableSnippets,
  snippetBudgetProblem,
  snippetCycle,
  snippetExpander,
  snippetNamesIn,
} from '@cadenza/core/templates';

interface SnippetRow {
  name: string;
  body: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
}

const toView = (row: SnippetRow): SnippetView => ({
  name: row.name,
  body: row.body,
  description: row.description,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export async function listSnippets(db: Db, tenantId: string): Promise<SnippetView[]> {
  const rows = (await db.query(`SELECT * FROM template_snippets WHERE tenant_id = $1 ORDER BY name`, [
    tenantId,
  ])) as SnippetRow[];
  return rows.map(toView);
}

export async function getSnippet(db: Db, tenantId: string, name: string): Promise<SnippetView> {
  const [row] = (await db.query(`SELECT * FROM template_snippets WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    name,
  ])) as SnippetRow[];
  if (!row) throw new NotFoundError('snippet', name);
  return toView(row);
}

/** The tenant's snippets as a renderer needs them: body by name. */
export async function snippetBodies(db: Db, tenantId: string): Promise<Record<string, string>> {
  const rows = (await db.query(`SELECT name, body FROM template_snippets WHERE tenant_id = $1`, [tenantId])) as Array<{
    name: string;
    body: string;
  }>;
  return Object.fromEntries(rows.map((row) => [row.name, row.body]));
}

/** Saves of one tenant's snippets take turns, so two saves cannot together make a loop. */
const lockTenantSnippets = (manager: EntityManager, tenantId: string) =>
  manager.query(`SELECT pg_advisory_xact_lock(hashtext('template_snippets:' || $1))`, [tenantId]);

/** Why a snippet body cannot be saved next to the others, or null. */
function problemOf(name: string, body: string, others: Record<string, string>): string | null {
  let included: string[];
  try {
    included = snippetNamesIn(body);
  } catch (error) {
    return `the body does not compile (${(error as Error).message.split('\n')[0]})`;
  }
  const all = { ...others, [name]: body };
  const missing = included.filter((other) => !(other in all));
  if (missing.length > 0) return `it includes {{> ${missing[0]}}}, but there is no snippet "${missing[0]}"`;
  const cycle = snippetCycle(all);
  if (cycle) return `it would include itself (${cycle.join(' -> ')})`;
  // The render budget, for this snippet and every snippet that includes it (a snippet bomb is
  // built one harmless-looking save at a time).
  const expand = snippetExpander(all);
  for (const other of Object.keys(all)) {
    const overBudget = snippetBudgetProblem(expand(`{{> ${other}}}`));
    if (overBudget) return other === name ? `it ${overBudget}` : `then {{> ${other}}} ${overBudget}`;
  }
  return null;
}

/** Creates or replaces a snippet; answers whether it was new. */
export async function putSnippet(
  db: DataSource,
  tenantId: string,
  name: string,
  input: SnippetWrite,
): Promise<{ snippet: SnippetView; created: boolean }> {
  return db.transaction(async (manager) => {
    await lockTenantSnippets(manager, tenantId);
    const bodies = await snippetBodies(manager, tenantId);
    const problem = problemOf(name, input.body, bodies);
    if (problem) throw new UserError('invalid_snippet', `snippet "${name}": ${problem}`, { field: 'body' });
    const [row] = (await manager.query(
      `INSERT INTO template_snippets (tenant_id, name, body, description) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, name) DO UPDATE SET body = EXCLUDED.body, description = EXCLUDED.description,
         updated_at = now()
       RETURNING *, (xmax = 0) AS created`,
      [tenantId, name, input.body, input.description ?? null],
    )) as Array<SnippetRow & { created: boolean }>;
    return { snippet: toView(row!), created: row!.created };
  });
}

/**
 * The places that would break without this snippet: other snippets including it, and the
 * send steps of live flows (active or paused, their published version) that reach it.
 */
async function usesOf(manager: EntityManager, tenantId: string, name: string): Promise<string[]> {
  const bodies = await snippetBodies(manager, tenantId);
  const uses = Object.entries(bodies)
    .filter(([other, body]) => other !== name && snippetNamesIn(body).includes(name))
    .map(([other]) => `snippet "${other}"`);
  const flows = (await manager.query(
    `SELECT f.name, v.definition FROM flows f
       JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.latest_version
     WHERE f.tenant_id = $1 AND f.status IN ('active', 'paused') AND strpos(v.definition::text, $2) > 0`,
    [tenantId, name],
  )) as Array<{ name: string; definition: FlowDefinition }>;
  for (const flow of flows) {
    for (const node of flow.definition.nodes) {
      const reaches = strictTemplatesOf(node).some(({ text: template }) => {
        try {
          return reachableSnippets(template, bodies).found.includes(name);
        } catch {
          return false;
        }
      });
      if (reaches) uses.push(`step "${node.id}" of flow "${flow.name}"`);
    }
  }
  return uses;
}

export async function deleteSnippet(db: DataSource, tenantId: string, name: string): Promise<void> {
  await db.transaction(async (manager) => {
    await lockTenantSnippets(manager, tenantId);
    await getSnippet(manager, tenantId, name);
    const uses = await usesOf(manager, tenantId, name);
    if (uses.length > 0) {
      throw new ConflictError(`snippet "${name}" is still used by ${uses.join(', ')}`, { uses });
    }
    await manager.query(`DELETE FROM template_snippets WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
  });
}
