import type { EntityManager } from 'typeorm';
import { NotFoundError, type Note, type NoteCreate, type NoteListQuery, type Page } from '@cadenza/core';
import { assertContactReference } from './contacts';
import { crmWrite, managerOf, type Db } from './crm-write';
import { actorOf, contactVisibleCondition, type CrmPrincipal } from './crm-principal';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';
import { searchCondition } from './prefix-search';

const SELECT = `n.id, n.contact_id AS "contactId", n.body, n.author_kind AS "authorKind", n.author_id AS "authorId",
  n.created_at AS "createdAt"`;
interface NoteSqlRow {
  id: string;
  contactId: string;
  body: string;
  authorKind: Note['author']['kind'];
  authorId: string | null;
  createdAt: Date;
}
const toNote = (row: NoteSqlRow): Note => ({
  id: row.id,
  contactId: row.contactId,
  body: row.body,
  author: { kind: row.authorKind, id: row.authorId },
  createdAt: row.createdAt.toISOString(),
});

const ORDER: KeysetOrder = {
  name: 'createdAt:desc',
  expression: 'n.created_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'n.id',
};

/** Notes are visible exactly when their contact is. */
function visibleContact(principal: CrmPrincipal, params: SqlParams): string {
  return contactVisibleCondition(principal, { tenantId: 'n.tenant_id', contactId: 'n.contact_id' }, params) ?? 'true';
}

async function selectNote(manager: EntityManager, principal: CrmPrincipal, id: string) {
  const params = new SqlParams([principal.tenantId, id]);
  const rows = (await manager.query(
    `SELECT ${SELECT} FROM notes n WHERE n.tenant_id = $1 AND n.id = $2::uuid AND ${visibleContact(principal, params)}`,
    params.values,
  )) as NoteSqlRow[];
  if (!rows[0]) throw new NotFoundError('note', id);
  return toNote(rows[0]);
}

export async function listNotes(db: Db, principal: CrmPrincipal, query: NoteListQuery): Promise<Page<Note>> {
  const params = new SqlParams([principal.tenantId]);
  const where = ['n.tenant_id = $1', visibleContact(principal, params)];
  if (query.contactId) where.push(`n.contact_id = ${params.add(query.contactId)}::uuid`);
  if (query.q) where.push(searchCondition('n.search', query.q, (value) => params.add(value)));
  const keyset = keysetClause(ORDER, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT}, n.created_at::text AS sort_key FROM notes n WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<NoteSqlRow & { sort_key: string }>;
  return toPage(rows, ORDER, query.limit, toNote);
}

export async function getNote(db: Db, principal: CrmPrincipal, id: string): Promise<Note> {
  return selectNote(managerOf(db), principal, id);
}

/** The body is stored exactly as sent; it is plain text, and clients must render it as such. */
export async function createNote(db: Db, principal: CrmPrincipal, input: NoteCreate): Promise<Note> {
  return crmWrite(db, principal, async (write) => {
    await assertContactReference(write.manager, principal, input.contactId, 'body.contactId');
    const actor = actorOf(principal);
    const [row] = (await write.manager.query(
      `INSERT INTO notes AS n (tenant_id, contact_id, body, author_kind, author_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${SELECT}`,
      [principal.tenantId, input.contactId, input.body, actor.kind, actor.id],
    )) as NoteSqlRow[];
    const note = toNote(row!);
    write.audit('create', 'note', note.id, null, note);
    write.event('note.created', 'note', note.id, { contactId: note.contactId });
    await write.timeline(note.contactId, {
      kind: 'note',
      summary: note.body.length > 140 ? `${note.body.slice(0, 139)}…` : note.body,
      data: { noteId: note.id },
    });
    return note;
  });
}

export async function deleteNote(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const before = await selectNote(write.manager, principal, id);
    await write.manager.query(`DELETE FROM notes WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, id]);
    write.audit('delete', 'note', id, before, null);
    write.event('note.deleted', 'note', id, { contactId: before.contactId });
  });
}
