import type { EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  type Contact,
  type ContactCreate,
  type ContactListQuery,
  type ContactUpdate,
  type Page,
} from '@cadenza/core';
import { contactFilterConditions, contactOrder } from './contact-list-sql';
import { crmWrite, fieldError, managerOf, queryRows, type CrmWrite, type Db } from './crm-write';
import { isOwnershipScoped, ownerCondition, ownerFor, type CrmPrincipal } from './crm-principal';
import { assertCustomFieldValues, loadDefinitionShapes, mergeCustomFields } from './custom-field-check';
import { keysetClause, toPage } from './keyset-page';
import { SqlParams } from './sql-params';

/** Writable API field → column. The list is also the PATCH allow-list. */
const COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  title: 'title',
  companyId: 'company_id',
  ownerId: 'owner_id',
  lifecycleStage: 'lifecycle_stage',
  leadStatus: 'lead_status',
  source: 'source',
  timezone: 'timezone',
  tags: 'tags',
  score: 'score',
  customFields: 'custom_fields',
} as const satisfies Record<keyof ContactCreate, string>;
type WritableField = keyof typeof COLUMNS;
const WRITABLE = Object.keys(COLUMNS) as WritableField[];

const SELECT = `c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.email, c.phone, c.title,
  c.company_id AS "companyId", c.company_name AS "companyName", c.owner_id AS "ownerId",
  c.lifecycle_stage AS "lifecycleStage", c.lead_status AS "leadStatus", c.source, c.timezone, c.tags, c.score,
  c.custom_fields AS "customFields", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export type ContactSqlRow = Omit<Contact, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

/** The contact's columns from `contacts c`, as toContact reads them (also used by the send templates' one query). */
export const CONTACT_COLUMNS = SELECT;

export const toContact = (row: ContactSqlRow): Contact => ({
  id: row.id,
  firstName: row.firstName,
  lastName: row.lastName,
  email: row.email,
  phone: row.phone,
  title: row.title,
  companyId: row.companyId,
  companyName: row.companyName,
  ownerId: row.ownerId,
  lifecycleStage: row.lifecycleStage,
  leadStatus: row.leadStatus,
  source: row.source,
  timezone: row.timezone,
  tags: row.tags,
  score: row.score,
  customFields: row.customFields,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** A contact the principal may see, optionally locked for the rest of the transaction. */
async function selectContact(
  manager: EntityManager,
  principal: CrmPrincipal,
  where: { id: string } | { email: string },
  lock = false,
): Promise<Contact | null> {
  const params = new SqlParams([principal.tenantId]);
  const conditions = ['c.tenant_id = $1'];
  if ('id' in where) conditions.push(`c.id = ${params.add(where.id)}::uuid`);
  else conditions.push(`lower(c.email) = lower(${params.add(where.email)})`);
  const owner = ownerCondition(principal, 'c.owner_id', params);
  if (owner) conditions.push(owner);
  const rows = (await manager.query(
    `SELECT ${SELECT} FROM contacts c WHERE ${conditions.join(' AND ')}${lock ? ' FOR UPDATE' : ''}`,
    params.values,
  )) as ContactSqlRow[];
  return rows[0] ? toContact(rows[0]) : null;
}

async function requireContact(manager: EntityManager, principal: CrmPrincipal, id: string, lock = false) {
  const contact = await selectContact(manager, principal, { id }, lock);
  if (!contact) throw new NotFoundError('contact', id);
  return contact;
}

/** The name copied onto the contact row, so search finds contacts by company name. */
async function companyNameOf(manager: EntityManager, tenantId: string, companyId: string | null | undefined) {
  if (!companyId) return null;
  const rows = (await manager.query(`SELECT name FROM companies WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    companyId,
  ])) as Array<{ name: string }>;
  if (!rows[0]) throw fieldError('body.companyId', `no company ${companyId} in this workspace`);
  return rows[0].name;
}

const dedupe = (tags: string[]) => [...new Set(tags)];

async function insertContact(write: CrmWrite, input: ContactCreate): Promise<Contact> {
  const { manager, principal, tenantId } = write;
  await assertCustomFieldValues(manager, tenantId, input.customFields);
  const values: Record<WritableField, unknown> = {
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    title: input.title ?? null,
    companyId: input.companyId ?? null,
    ownerId: ownerFor(principal, input.ownerId, null),
    lifecycleStage: input.lifecycleStage ?? null,
    leadStatus: input.leadStatus ?? null,
    source: input.source ?? null,
    timezone: input.timezone ?? null,
    tags: dedupe(input.tags ?? []),
    score: input.score ?? 0,
    customFields: JSON.stringify(mergeCustomFields({}, input.customFields)),
  };
  const companyName = await companyNameOf(manager, tenantId, input.companyId);
  const params = new SqlParams([tenantId, companyName]);
  const placeholders = WRITABLE.map((field) => params.add(values[field]));
  const [row] = (await manager.query(
    `INSERT INTO contacts AS c (tenant_id, company_name, ${WRITABLE.map((f) => COLUMNS[f]).join(', ')})
     VALUES ($1, $2, ${placeholders.join(', ')}) RETURNING ${SELECT}`,
    params.values,
  )) as ContactSqlRow[];
  const contact = toContact(row!);
  write.audit('create', 'contact', contact.id, null, contact);
  write.event('contact.created', 'contact', contact.id, { email: contact.email });
  return contact;
}

/** Applies a PATCH to a locked contact: audit, event and timeline only when something changed. */
export async function patchContact(write: CrmWrite, before: Contact, patch: ContactUpdate): Promise<Contact> {
  const { manager, principal, tenantId } = write;
  await assertCustomFieldValues(manager, tenantId, patch.customFields);
  const next: Record<WritableField, unknown> = { ...before };
  for (const field of WRITABLE) if (patch[field] !== undefined) next[field] = patch[field];
  if (patch.ownerId !== undefined && isOwnershipScoped(principal)) ownerFor(principal, patch.ownerId, before.ownerId);
  next.tags = dedupe(next.tags as string[]);
  next.customFields = mergeCustomFields(before.customFields, patch.customFields);
  const changed = WRITABLE.filter((field) => JSON.stringify(next[field]) !== JSON.stringify(before[field]));
  if (changed.length === 0) return before;

  const companyName = changed.includes('companyId')
    ? await companyNameOf(manager, tenantId, next.companyId as string | null)
    : before.companyName;
  const params = new SqlParams([tenantId, before.id, companyName]);
  const assignments = WRITABLE.map(
    (field) =>
      `${COLUMNS[field]} = ${params.add(field === 'customFields' ? JSON.stringify(next[field]) : next[field])}`,
  );
  const [row] = await queryRows<ContactSqlRow>(
    manager,
    `UPDATE contacts AS c SET company_name = $3, updated_at = now(), ${assignments.join(', ')}
     WHERE c.tenant_id = $1 AND c.id = $2 RETURNING ${SELECT}`,
    params.values,
  );
  const after = toContact(row!);
  write.audit('update', 'contact', after.id, before, after);
  write.event('contact.updated', 'contact', after.id, { fields: changed });
  if (changed.includes('lifecycleStage')) {
    await write.timeline(after.id, {
      kind: 'stage_changed',
      summary: `Lifecycle stage changed from ${before.lifecycleStage ?? 'none'} to ${after.lifecycleStage ?? 'none'}`,
      data: { field: 'lifecycleStage', from: before.lifecycleStage, to: after.lifecycleStage },
    });
  }
  return after;
}

export async function listContacts(db: Db, principal: CrmPrincipal, query: ContactListQuery): Promise<Page<Contact>> {
  const manager = managerOf(db);
  const params = new SqlParams([principal.tenantId]);
  const definitions = query.customField?.length ? await loadDefinitionShapes(manager, principal.tenantId) : [];
  const where = ['c.tenant_id = $1', ...contactFilterConditions(query, params, definitions)];
  const owner = ownerCondition(principal, 'c.owner_id', params);
  if (owner) where.push(owner);
  const order = contactOrder(query.sort);
  const keyset = keysetClause(order, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await manager.query(
    `SELECT ${SELECT}, (${order.expression})::text AS sort_key FROM contacts c
     WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<ContactSqlRow & { sort_key: string }>;
  return toPage(rows, order, query.limit, toContact);
}

/** The contacts among `ids` the principal may see, in no particular order (live list refreshes). */
export async function getContactsByIds(db: Db, principal: CrmPrincipal, ids: string[]): Promise<Contact[]> {
  const params = new SqlParams([principal.tenantId, ids]);
  const conditions = ['c.tenant_id = $1', 'c.id = ANY($2::uuid[])'];
  const owner = ownerCondition(principal, 'c.owner_id', params);
  if (owner) conditions.push(owner);
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT} FROM contacts c WHERE ${conditions.join(' AND ')}`,
    params.values,
  )) as ContactSqlRow[];
  return rows.map(toContact);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which of `ids` (as given) the principal may act on (enrollments): every one for roles that
 * see all contacts (an unknown id is left to whoever acts on it to report), only their own
 * contacts for ownership-scoped roles, in one query however many ids.
 */
export async function readableContactIds(db: Db, principal: CrmPrincipal, ids: string[]): Promise<Set<string>> {
  if (!isOwnershipScoped(principal)) return new Set(ids);
  const candidates = ids.filter((id) => UUID.test(id));
  if (candidates.length === 0) return new Set();
  const found = new Set((await getContactsByIds(db, principal, candidates)).map((contact) => contact.id));
  return new Set(candidates.filter((id) => found.has(id.toLowerCase())));
}

export async function getContact(db: Db, principal: CrmPrincipal, id: string): Promise<Contact> {
  return requireContact(managerOf(db), principal, id);
}

/** Case-insensitive; null when no contact the principal may see has this email. */
export async function findContactByEmail(db: Db, principal: CrmPrincipal, email: string): Promise<Contact | null> {
  return selectContact(managerOf(db), principal, { email });
}

export async function createContact(db: Db, principal: CrmPrincipal, input: ContactCreate): Promise<Contact> {
  return crmWrite(db, principal, (write) => insertContact(write, input));
}

/** PATCH: absent fields stay, `null` clears, custom fields merge by key. */
export async function updateContact(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  patch: ContactUpdate,
): Promise<Contact> {
  return crmWrite(db, principal, async (write) =>
    patchContact(write, await requireContact(write.manager, principal, id, true), patch),
  );
}

/** The flow engine's name for a PATCH of some fields. */
export const updateContactFields = updateContact;

export async function addTags(db: Db, principal: CrmPrincipal, id: string, tags: string[]): Promise<Contact> {
  return crmWrite(db, principal, async (write) => {
    const before = await requireContact(write.manager, principal, id, true);
    return patchContact(write, before, { tags: [...before.tags, ...tags] });
  });
}

export async function removeTags(db: Db, principal: CrmPrincipal, id: string, tags: string[]): Promise<Contact> {
  return crmWrite(db, principal, async (write) => {
    const before = await requireContact(write.manager, principal, id, true);
    return patchContact(write, before, { tags: before.tags.filter((tag) => !tags.includes(tag)) });
  });
}

/**
 * Creates the contact, or updates the one with the same email (case-insensitive): what a
 * re-imported CSV row does. A matching contact the principal may not see is a conflict,
 * not a silent duplicate.
 */
export async function upsertContactByEmail(
  db: Db,
  principal: CrmPrincipal,
  input: ContactCreate & { email: string },
): Promise<{ contact: Contact; created: boolean }> {
  return crmWrite(db, principal, async (write) => {
    const existing = await selectContact(write.manager, principal, { email: input.email }, true);
    if (existing) return { contact: await patchContact(write, existing, input), created: false };
    const hidden = (await write.manager.query(
      `SELECT 1 FROM contacts WHERE tenant_id = $1 AND lower(email) = lower($2)`,
      [principal.tenantId, input.email],
    )) as unknown[];
    if (hidden.length > 0) throw new ConflictError(`a contact with email ${input.email} exists and is not yours`);
    return { contact: await insertContact(write, input), created: true };
  });
}

export async function deleteContact(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const before = await requireContact(write.manager, principal, id, true);
    await write.manager.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, id]);
    write.audit('delete', 'contact', id, before, null);
    // The row is gone when live sockets decide who sees this: the event says whose it was.
    write.event('contact.deleted', 'contact', id, { ownerId: before.ownerId });
  });
}

/** For other repositories: a contact id the principal may see, locked, or a 400 naming the field. */
export async function assertContactReference(
  manager: EntityManager,
  principal: CrmPrincipal,
  contactId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!contactId) return;
  if (!(await selectContact(manager, principal, { id: contactId }))) {
    throw fieldError(field, `no contact ${contactId} in this workspace`);
  }
}

export { requireContact };
