import type { EntityManager } from 'typeorm';
import {
  NotFoundError,
  type Company,
  type CompanyCreate,
  type CompanyListQuery,
  type CompanyUpdate,
  type Page,
} from '@cadenza/core';
import { crmWrite, fieldError, managerOf, queryRows, type Db } from './crm-write';
import type { CrmPrincipal } from './crm-principal';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';

const COLUMNS = {
  name: 'name',
  domain: 'domain',
  industry: 'industry',
  size: 'size',
  ownerId: 'owner_id',
} as const satisfies Record<keyof CompanyCreate, string>;
type WritableField = keyof typeof COLUMNS;
const WRITABLE = Object.keys(COLUMNS) as WritableField[];

const SELECT = `co.id, co.name, co.domain, co.industry, co.size, co.owner_id AS "ownerId",
  co.created_at AS "createdAt", co.updated_at AS "updatedAt"`;
type CompanySqlRow = Omit<Company, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
const toCompany = (row: CompanySqlRow): Company => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  industry: row.industry,
  size: row.size,
  ownerId: row.ownerId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const ORDER: KeysetOrder = {
  name: 'createdAt:desc',
  expression: 'co.created_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'co.id',
};

/** Companies are shared account records: every role that reads contacts sees all of them. */
async function requireCompany(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<Company> {
  const rows = (await manager.query(
    `SELECT ${SELECT} FROM companies co WHERE co.tenant_id = $1 AND co.id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  )) as CompanySqlRow[];
  if (!rows[0]) throw new NotFoundError('company', id);
  return toCompany(rows[0]);
}

/** `%` and `_` in a search are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listCompanies(db: Db, principal: CrmPrincipal, query: CompanyListQuery): Promise<Page<Company>> {
  const params = new SqlParams([principal.tenantId]);
  const where = ['co.tenant_id = $1'];
  if (query.name) where.push(`co.name ILIKE ${params.add(likePattern(query.name))}`);
  if (query.ownerId) where.push(`co.owner_id = ${params.add(query.ownerId)}::uuid`);
  const keyset = keysetClause(ORDER, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT}, co.created_at::text AS sort_key FROM companies co WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<CompanySqlRow & { sort_key: string }>;
  return toPage(rows, ORDER, query.limit, toCompany);
}

export async function getCompany(db: Db, principal: CrmPrincipal, id: string): Promise<Company> {
  return requireCompany(managerOf(db), principal.tenantId, id);
}

export async function createCompany(db: Db, principal: CrmPrincipal, input: CompanyCreate): Promise<Company> {
  return crmWrite(db, principal, async (write) => {
    const params = new SqlParams([principal.tenantId]);
    const values = WRITABLE.map((field) => params.add(input[field] ?? null));
    const [row] = (await write.manager.query(
      `INSERT INTO companies AS co (tenant_id, ${WRITABLE.map((f) => COLUMNS[f]).join(', ')})
       VALUES ($1, ${values.join(', ')}) RETURNING ${SELECT}`,
      params.values,
    )) as CompanySqlRow[];
    const company = toCompany(row!);
    write.audit('create', 'company', company.id, null, company);
    write.event('company.created', 'company', company.id);
    return company;
  });
}

/** A rename is copied onto every contact of the company in the same transaction, so search stays right. */
export async function updateCompany(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  patch: CompanyUpdate,
): Promise<Company> {
  return crmWrite(db, principal, async (write) => {
    const before = await requireCompany(write.manager, principal.tenantId, id, true);
    const changed = WRITABLE.filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (changed.length === 0) return before;
    const params = new SqlParams([principal.tenantId, id]);
    const assignments = changed.map((f) => `${COLUMNS[f]} = ${params.add(patch[f])}`);
    const [row] = await queryRows<CompanySqlRow>(
      write.manager,
      `UPDATE companies AS co SET updated_at = now(), ${assignments.join(', ')}
       WHERE co.tenant_id = $1 AND co.id = $2 RETURNING ${SELECT}`,
      params.values,
    );
    const after = toCompany(row!);
    if (changed.includes('name')) {
      await write.manager.query(`UPDATE contacts SET company_name = $3 WHERE tenant_id = $1 AND company_id = $2`, [
        principal.tenantId,
        id,
        after.name,
      ]);
    }
    write.audit('update', 'company', id, before, after);
    write.event('company.updated', 'company', id, { fields: changed });
    return after;
  });
}

/** Contacts and deals of a deleted company stay, without it. */
export async function deleteCompany(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const before = await requireCompany(write.manager, principal.tenantId, id, true);
    await write.manager.query(
      `UPDATE contacts SET company_id = NULL, company_name = NULL WHERE tenant_id = $1 AND company_id = $2`,
      [principal.tenantId, id],
    );
    await write.manager.query(`DELETE FROM companies WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, id]);
    write.audit('delete', 'company', id, before, null);
    write.event('company.deleted', 'company', id);
  });
}

/** For other repositories: a company id of this tenant, or a 400 naming the field. */
export async function assertCompanyReference(
  manager: EntityManager,
  tenantId: string,
  companyId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!companyId) return;
  const rows = (await manager.query(`SELECT 1 FROM companies WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    companyId,
  ])) as unknown[];
  if (rows.length === 0) throw fieldError(field, `no company ${companyId} in this workspace`);
}
