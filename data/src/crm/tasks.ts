import type { EntityManager } from 'typeorm';
import {
  NotFoundError,
  type Page,
  type Task,
  type TaskCreate,
  type TaskListQuery,
  type TaskSort,
  type TaskUpdate,
} from '@cadenza/core';
import { assertContactReference } from './contacts';
import { assertDealReference } from './deals';
import { crmWrite, managerOf, queryRows, type CrmWrite, type Db } from './crm-write';
import { actorOf, ownerCondition, ownerFor, type CrmPrincipal } from './crm-principal';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';
import { searchCondition } from './prefix-search';

const SELECT = `t.id, t.title, t.due_at AS "dueAt", t.done, t.contact_id AS "contactId", t.deal_id AS "dealId",
  t.assignee_id AS "assigneeId", t.created_by_kind AS "createdByKind", t.created_by_id AS "createdById",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;
interface TaskSqlRow extends Omit<Task, 'dueAt' | 'createdAt' | 'updatedAt' | 'createdBy'> {
  dueAt: Date | null;
  createdByKind: Task['createdBy']['kind'];
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}
const toTask = (row: TaskSqlRow): Task => ({
  id: row.id,
  title: row.title,
  dueAt: row.dueAt?.toISOString() ?? null,
  done: row.done,
  contactId: row.contactId,
  dealId: row.dealId,
  assigneeId: row.assigneeId,
  createdBy: { kind: row.createdByKind, id: row.createdById },
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The allow-list behind `sort`; undated tasks sort as due at infinity, i.e. last. */
const ORDERS: Record<TaskSort, KeysetOrder> = {
  'createdAt:desc': {
    name: 'createdAt:desc',
    expression: 't.created_at',
    cast: 'timestamptz',
    direction: 'desc',
    idExpression: 't.id',
  },
  'dueAt:asc': {
    name: 'dueAt:asc',
    expression: "coalesce(t.due_at, 'infinity'::timestamptz)",
    cast: 'timestamptz',
    direction: 'asc',
    idExpression: 't.id',
  },
};

/** A sales rep's tasks are the ones assigned to them. */
async function selectTask(manager: EntityManager, principal: CrmPrincipal, id: string, lock = false) {
  const params = new SqlParams([principal.tenantId, id]);
  const owner = ownerCondition(principal, 't.assignee_id', params);
  const rows = (await manager.query(
    `SELECT ${SELECT} FROM tasks t WHERE t.tenant_id = $1 AND t.id = $2::uuid ${owner ? `AND ${owner}` : ''}
     ${lock ? 'FOR UPDATE' : ''}`,
    params.values,
  )) as TaskSqlRow[];
  if (!rows[0]) throw new NotFoundError('task', id);
  return toTask(rows[0]);
}

async function checkReferences(write: CrmWrite, input: Partial<TaskCreate>) {
  await assertContactReference(write.manager, write.principal, input.contactId, 'body.contactId');
  await assertDealReference(write.manager, write.principal, input.dealId, 'body.dealId');
}

/** Newest first unless the query names another order. */
export async function listTasks(
  db: Db,
  principal: CrmPrincipal,
  query: Omit<TaskListQuery, 'sort'> & { sort?: TaskSort },
): Promise<Page<Task>> {
  const params = new SqlParams([principal.tenantId]);
  const where = ['t.tenant_id = $1'];
  if (query.done !== undefined) where.push(`t.done = ${params.add(query.done)}`);
  for (const [field, column] of [
    ['contactId', 'contact_id'],
    ['dealId', 'deal_id'],
    ['assigneeId', 'assignee_id'],
  ] as const) {
    if (query[field]) where.push(`t.${column} = ${params.add(query[field])}::uuid`);
  }
  if (query.q) where.push(searchCondition('t.search', query.q, (value) => params.add(value)));
  const owner = ownerCondition(principal, 't.assignee_id', params);
  if (owner) where.push(owner);
  const order = ORDERS[query.sort ?? 'createdAt:desc'];
  const keyset = keysetClause(order, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT}, (${order.expression})::text AS sort_key FROM tasks t
     WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<TaskSqlRow & { sort_key: string }>;
  return toPage(rows, order, query.limit, toTask);
}

export async function getTask(db: Db, principal: CrmPrincipal, id: string): Promise<Task> {
  return selectTask(managerOf(db), principal, id);
}

/** A task made by a flow (principal with a workflow actor) says so in `createdBy`. */
export async function createTask(db: Db, principal: CrmPrincipal, input: TaskCreate): Promise<Task> {
  return crmWrite(db, principal, async (write) => {
    await checkReferences(write, input);
    const actor = actorOf(principal);
    const [row] = (await write.manager.query(
      `INSERT INTO tasks AS t (tenant_id, title, due_at, done, contact_id, deal_id, assignee_id, created_by_kind,
         created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SELECT}`,
      [
        principal.tenantId,
        input.title,
        input.dueAt ?? null,
        input.done ?? false,
        input.contactId ?? null,
        input.dealId ?? null,
        ownerFor(principal, input.assigneeId, null),
        actor.kind === 'workflow' ? 'flow' : 'user',
        actor.id,
      ],
    )) as TaskSqlRow[];
    const task = toTask(row!);
    write.audit('create', 'task', task.id, null, task);
    write.event('task.created', 'task', task.id, { contactId: task.contactId, dealId: task.dealId });
    if (task.contactId) {
      await write.timeline(task.contactId, {
        kind: 'task',
        summary: `Task created: ${task.title}`,
        data: { taskId: task.id, action: 'created' },
      });
    }
    return task;
  });
}

const COLUMNS = {
  title: 'title',
  dueAt: 'due_at',
  done: 'done',
  contactId: 'contact_id',
  dealId: 'deal_id',
  assigneeId: 'assignee_id',
} as const satisfies Record<keyof TaskUpdate, string>;

export async function updateTask(db: Db, principal: CrmPrincipal, id: string, patch: TaskUpdate): Promise<Task> {
  return crmWrite(db, principal, async (write) => {
    const before = await selectTask(write.manager, principal, id, true);
    await checkReferences(write, patch);
    if (patch.assigneeId !== undefined) ownerFor(principal, patch.assigneeId, before.assigneeId);
    const fields = (Object.keys(COLUMNS) as Array<keyof TaskUpdate>).filter(
      (f) =>
        patch[f] !== undefined &&
        (f === 'dueAt'
          ? (patch.dueAt ? new Date(patch.dueAt).getTime() : null) !==
            (before.dueAt ? new Date(before.dueAt).getTime() : null)
          : patch[f] !== before[f]),
    );
    if (fields.length === 0) return before;
    const params = new SqlParams([principal.tenantId, id]);
    const assignments = fields.map((f) => `${COLUMNS[f]} = ${params.add(patch[f])}`);
    const [row] = await queryRows<TaskSqlRow>(
      write.manager,
      `UPDATE tasks AS t SET updated_at = now(), ${assignments.join(', ')}
       WHERE t.tenant_id = $1 AND t.id = $2 RETURNING ${SELECT}`,
      params.values,
    );
    const after = toTask(row!);
    write.audit('update', 'task', id, before, after);
    write.event('task.updated', 'task', id, { fields });
    if (after.contactId && fields.includes('done') && after.done) {
      await write.timeline(after.contactId, {
        kind: 'task',
        summary: `Task done: ${after.title}`,
        data: { taskId: id, action: 'completed' },
      });
    }
    return after;
  });
}

export async function deleteTask(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const before = await selectTask(write.manager, principal, id, true);
    await write.manager.query(`DELETE FROM tasks WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, id]);
    write.audit('delete', 'task', id, before, null);
    // The row is gone when live sockets decide who sees this: the event says whose it was.
    write.event('task.deleted', 'task', id, { ownerId: before.assigneeId });
  });
}
