import type { DataSource, EntityManager } from 'typeorm';
import { UserError, type Contact, type ContactSnapshot } from '@cadenza/core';
import {
  addTags,
  createTask,
  crmWrite,
  getContact,
  patchContact,
  removeTags,
  updateContact,
  type CrmPrincipal,
} from '@cadenza/data';
import { requireContact } from '@cadenza/data';
import type { FlowActor, FlowCrmPort } from './flow-crm-port';

/** Flows act on the whole tenant's CRM, and the audit log names the run that acted. */
const flowPrincipal = (tenantId: string, actor?: FlowActor): CrmPrincipal => ({
  tenantId,
  userId: null,
  role: 'admin',
  via: 'api_key',
  actor: actor ? { kind: 'workflow', id: actor.id } : { kind: 'system', id: null },
});

/** Timeline kinds that count as engagement, and the metric each feeds. */
const ENGAGEMENT_KINDS = {
  email_sent: ['emails_sent', null],
  email_opened: ['emails_opened', 'last_opened_at'],
  email_clicked: ['emails_clicked', 'last_clicked_at'],
  email_replied: ['emails_replied', 'last_replied_at'],
} as const;

function toSnapshot(contact: Contact, engagement: ContactSnapshot['engagement']): ContactSnapshot {
  const { customFields, id, ...standard } = contact;
  return { id, fields: { ...standard, custom: customFields }, engagement, score: contact.score ?? null };
}

async function loadEngagement(
  db: DataSource | EntityManager,
  tenantId: string,
  contactId: string,
): Promise<ContactSnapshot['engagement']> {
  const rows = (await db.query(
    `SELECT kind, count(*)::int AS n, max(occurred_at) AS last FROM timeline_entries
     WHERE tenant_id = $1 AND contact_id = $2 AND kind = ANY($3) GROUP BY kind`,
    [tenantId, contactId, Object.keys(ENGAGEMENT_KINDS)],
  )) as Array<{ kind: keyof typeof ENGAGEMENT_KINDS; n: number; last: Date }>;
  const engagement: ContactSnapshot['engagement'] = {};
  for (const row of rows) {
    const [count, last] = ENGAGEMENT_KINDS[row.kind];
    engagement[count] = row.n;
    if (last) engagement[last] = row.last.toISOString();
  }
  return engagement;
}

/** Maps a field path of the flow language ("lifecycleStage", "custom.industry") to a contact PATCH. */
export function patchForField(field: string, value: string | number | boolean | null): Record<string, unknown> {
  const [head, ...rest] = field.split('.');
  if (head === 'custom' && rest.length === 1) return { customFields: { [rest[0]!]: value } };
  if (rest.length > 0)
    throw new UserError('invalid_field', `field ${field} cannot be set: only custom.<key> paths nest`);
  return { [head!]: value };
}

/** The flow engine's view of the CRM, over the CRM repositories (same audit log, events and rules). */
export function createCrmFlowPort(db: DataSource): FlowCrmPort {
  return {
    async loadContactSnapshot(tenantId, contactId, options) {
      const contact = await getContact(db, flowPrincipal(tenantId), contactId);
      const engagement = options?.engagement === false ? {} : await loadEngagement(db, tenantId, contactId);
      return toSnapshot(contact, engagement);
    },
    async setContactField(manager, tenantId, contactId, field, value, actor) {
      const principal = flowPrincipal(tenantId, actor);
      // One locked read gives both the value before and the row to patch (updateContact would read it again).
      return crmWrite(manager, principal, async (write) => {
        const before = await requireContact(write.manager, principal, contactId, true);
        const after = await patchContact(write, before, patchForField(field, value));
        return { before: readField(before, field), after: readField(after, field) };
      });
    },
    async changeTags(manager, tenantId, contactId, change, actor) {
      const principal = flowPrincipal(tenantId, actor);
      let contact: Contact | undefined;
      if (change.add?.length) contact = await addTags(manager, principal, contactId, change.add);
      if (change.remove?.length) contact = await removeTags(manager, principal, contactId, change.remove);
      // addTags / removeTags read (and lock) the contact themselves; read it only when nothing changes.
      contact ??= await getContact(manager, principal, contactId);
      return { tags: contact.tags };
    },
    async createTask(manager, tenantId, task, actor) {
      const principal = flowPrincipal(tenantId, actor);
      const contact = await getContact(manager, principal, task.contactId);
      // The CRM's tasks have no notes or priority yet: those settings are kept in the step's result only.
      const created = await createTask(manager, principal, {
        title: task.title,
        dueAt: task.dueAt ?? null,
        contactId: task.contactId,
        assigneeId: task.assigneeId ?? contact.ownerId ?? null,
      });
      return { taskId: created.id };
    },
    async addScore(manager, tenantId, contactId, points, actor) {
      const principal = flowPrincipal(tenantId, actor);
      const contact = await getContact(manager, principal, contactId);
      // Scores live in 0..100; points past either end stop there.
      const score = Math.max(0, Math.min(100, (contact.score ?? 0) + points));
      await updateContact(manager, principal, contactId, { score });
      return { score };
    },
  };
}

function readField(contact: Contact, field: string): unknown {
  const [head, ...rest] = field.split('.');
  if (head === 'custom') return contact.customFields?.[rest.join('.')];
  return (contact as unknown as Record<string, unknown>)[head!];
}
