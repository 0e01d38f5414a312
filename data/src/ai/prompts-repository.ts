import { NotFoundError, type Actor, type PromptVersion, type PromptVersionCreate } from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';

interface PromptRow {
  name: string;
  version: number;
  system: string | null;
  template: string;
  notes: string | null;
  created_by_kind: string;
  created_by_id: string | null;
  created_at: Date;
}

const toPrompt = (row: PromptRow): PromptVersion => ({
  name: row.name,
  version: row.version,
  system: row.system,
  template: row.template,
  notes: row.notes,
  createdBy: { kind: row.created_by_kind, id: row.created_by_id },
  createdAt: row.created_at.toISOString(),
});

/** The latest version of each of the tenant's prompts, by name. */
export async function listPrompts(db: Db, tenantId: string): Promise<PromptVersion[]> {
  const rows = (await managerOf(db).query(
    `SELECT DISTINCT ON (name) * FROM ai_prompts WHERE tenant_id = $1 ORDER BY name, version DESC`,
    [tenantId],
  )) as PromptRow[];
  return rows.map(toPrompt);
}

/** Every version of one prompt, newest first. */
export async function listPromptVersions(db: Db, tenantId: string, name: string): Promise<PromptVersion[]> {
  const rows = (await managerOf(db).query(
    `SELECT * FROM ai_prompts WHERE tenant_id = $1 AND name = $2 ORDER BY version DESC`,
    [tenantId, name],
  )) as PromptRow[];
  if (rows.length === 0) throw new NotFoundError('prompt', name);
  return rows.map(toPrompt);
}

/**
 * Adds the next version of a prompt (the first creates it). The insert computes the number and
 * the primary key refuses a duplicate, so two editors at once cannot both get the same version.
 */
export async function createPromptVersion(
  db: Db,
  tenantId: string,
  name: string,
  input: PromptVersionCreate,
  actor: Actor,
): Promise<PromptVersion> {
  const manager = managerOf(db);
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = (await manager.query(
        `INSERT INTO ai_prompts (tenant_id, name, version, system, template, notes, created_by_kind, created_by_id)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7 FROM ai_prompts WHERE tenant_id = $1 AND name = $2
         RETURNING *`,
        [tenantId, name, input.system ?? null, input.template, input.notes ?? null, actor.kind, actor.id],
      )) as PromptRow[];
      return toPrompt(row!);
    } catch (error) {
      const pg = error as { code?: string; driverError?: { code?: string } };
      const code = pg.driverError?.code ?? pg.code;
      if (code !== '23505' || attempt >= 3) throw error;
    }
  }
}

/** The version a step uses: the pinned one, or the latest. */
export async function resolvePrompt(db: Db, tenantId: string, name: string, version?: number): Promise<PromptVersion> {
  const rows = (await managerOf(db).query(
    `SELECT * FROM ai_prompts WHERE tenant_id = $1 AND name = $2 ${version ? 'AND version = $3' : ''}
     ORDER BY version DESC LIMIT 1`,
    version ? [tenantId, name, version] : [tenantId, name],
  )) as PromptRow[];
  if (!rows[0]) throw new NotFoundError('prompt', version ? `${name}@v${version}` : name);
  return toPrompt(rows[0]);
}
