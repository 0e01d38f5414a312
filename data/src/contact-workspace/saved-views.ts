import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type SavedView,
  type SavedViewCreate,
  type SavedViewUpdate,
} from '@cadenza/core';
import { managerOf, queryRows, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';

interface ViewRow {
  id: string;
  name: string;
  filters: SavedView['filters'];
  sort: string;
  columns: SavedView['columns'];
  created_at: Date;
  updated_at: Date;
}

const toView = (row: ViewRow): SavedView => ({
  id: row.id,
  name: row.name,
  filters: row.filters,
  sort: row.sort,
  columns: row.columns,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const COLUMNS = 'id, name, filters, sort, columns, created_at, updated_at';

/** Views belong to a person: an API key (no user) has none and may not make any. */
function ownerOf(principal: CrmPrincipal): { tenantId: string; userId: string } {
  if (!principal.userId) throw new ForbiddenError('saved views belong to a signed-in user; an API key has none');
  return { tenantId: principal.tenantId, userId: principal.userId };
}

interface PgError {
  code?: string;
  constraint?: string;
  driverError?: PgError;
}

function duplicateName(error: unknown): unknown {
  const pg = ((error as PgError)?.driverError ?? error) as PgError;
  if (pg?.code === '23505' && pg.constraint === 'contact_views_name_uq') {
    return new ConflictError('you already have a view with this name', {
      fields: [{ field: 'body.name', message: 'is already used by another of your views' }],
    });
  }
  return error;
}

/** The caller's views, by name. */
export async function listSavedViews(db: Db, principal: CrmPrincipal): Promise<SavedView[]> {
  const { tenantId, userId } = ownerOf(principal);
  const rows = (await managerOf(db).query(
    `SELECT ${COLUMNS} FROM contact_views WHERE tenant_id = $1 AND user_id = $2 ORDER BY lower(name), id`,
    [tenantId, userId],
  )) as ViewRow[];
  return rows.map(toView);
}

export async function createSavedView(db: Db, principal: CrmPrincipal, input: SavedViewCreate): Promise<SavedView> {
  const { tenantId, userId } = ownerOf(principal);
  try {
    const [row] = (await managerOf(db).query(
      `INSERT INTO contact_views (tenant_id, user_id, name, filters, sort, columns)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb) RETURNING ${COLUMNS}`,
      [
        tenantId,
        userId,
        input.name,
        JSON.stringify(input.filters),
        input.sort,
        input.columns ? JSON.stringify(input.columns) : null,
      ],
    )) as ViewRow[];
    return toView(row!);
  } catch (error) {
    throw duplicateName(error);
  }
}

/** Changes the given fields of one of the caller's views; another user's view is not found. */
export async function updateSavedView(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  patch: SavedViewUpdate,
): Promise<SavedView> {
  const { tenantId, userId } = ownerOf(principal);
  try {
    const [row] = await queryRows<ViewRow>(
      managerOf(db),
      `UPDATE contact_views SET
         name = coalesce($4, name),
         filters = coalesce($5::jsonb, filters),
         sort = coalesce($6, sort),
         columns = CASE WHEN $7::boolean THEN $8::jsonb ELSE columns END,
         updated_at = now()
       WHERE tenant_id = $1 AND user_id = $2 AND id = $3 RETURNING ${COLUMNS}`,
      [
        tenantId,
        userId,
        id,
        patch.name ?? null,
        patch.filters ? JSON.stringify(patch.filters) : null,
        patch.sort ?? null,
        patch.columns !== undefined,
        patch.columns ? JSON.stringify(patch.columns) : null,
      ],
    );
    if (!row) throw new NotFoundError('saved view', id);
    return toView(row);
  } catch (error) {
    throw duplicateName(error);
  }
}

export async function deleteSavedView(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  const { tenantId, userId } = ownerOf(principal);
  const rows = await queryRows<{ id: string }>(
    managerOf(db),
    `DELETE FROM contact_views WHERE tenant_id = $1 AND user_id = $2 AND id = $3 RETURNING id`,
    [tenantId, userId, id],
  );
  if (rows.length === 0) throw new NotFoundError('saved view', id);
}
