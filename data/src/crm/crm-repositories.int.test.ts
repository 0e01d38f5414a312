import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { createTenant, listDomainEventsAfter, type DataSource } from '..';
import {
  addTags,
  appendTimelineEntry,
  changeDealStage,
  createContact,
  createDeal,
  createNote,
  createPipeline,
  createTask,
  deleteStage,
  listAuditLog,
  listTimeline,
  removeTags,
  updateTask,
  upsertContactByEmail,
  type CrmPrincipal,
} from './index';

describe('CRM repositories (what flows and imports call)', () => {
  let db: DataSource;
  let admin: Principal;
  beforeAll(async () => {
    db = await connectTestDb();
    admin = { tenantId: (await createTenant(db, 'crm repos')).id, userId: null, role: 'admin', via: 'api_key' };
  });
  afterAll(() => db?.destroy());

  const events = async () => (await listDomainEventsAfter(db.manager, admin.tenantId, 0)).map((e) => e.type);

  it('moves a deal between stages with an event and a timeline entry, and refuses to delete a stage in use', async () => {
    const contact = await createContact(db, admin, { firstName: 'Deal', email: 'deal@x.io' });
    const pipeline = await createPipeline(db, admin, {
      name: 'Sales',
      stages: [{ name: 'Open' }, { name: 'Won', probability: 100 }],
    });
    const [open, won] = pipeline.stages;
    expect(pipeline.stages.map((s) => [s.name, s.position])).toEqual([
      ['Open', 0],
      ['Won', 1],
    ]);
    const deal = await createDeal(db, admin, {
      name: 'Big one',
      amount: 1234.5,
      currency: 'EUR',
      pipelineId: pipeline.id,
      stageId: open!.id,
      contactId: contact.id,
      closeDate: '2026-03-31',
    });
    expect(deal).toMatchObject({ amount: 1234.5, currency: 'EUR', closeDate: '2026-03-31' });
    const moved = await changeDealStage(db, admin, deal.id, { stageId: won!.id });
    expect(moved.stageId).toBe(won!.id);
    const timeline = await listTimeline(db, admin, contact.id, { limit: 10 });
    expect(timeline.items[0]).toMatchObject({ kind: 'stage_changed', summary: 'Deal Big one moved from Open to Won' });
    expect(await events()).toEqual(expect.arrayContaining(['deal.created', 'deal.stage_changed']));
    await expect(deleteStage(db, admin, pipeline.id, won!.id)).rejects.toMatchObject({ status: 409 });
    const other = await createPipeline(db, admin, { name: 'Other', stages: [{ name: 'X' }] });
    await expect(changeDealStage(db, admin, deal.id, { stageId: other.stages[0]!.id })).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: 'body.stageId' }] },
    });
  });

  it('records tasks made by a flow as such, with timeline entries for creation and completion', async () => {
    const contact = await createContact(db, admin, { firstName: 'Task' });
    const flow: CrmPrincipal = { ...admin, actor: { kind: 'workflow', id: 'run-1' } };
    const task = await createTask(db, flow, {
      title: 'Follow up',
      contactId: contact.id,
      dueAt: '2026-01-01T09:00:00Z',
    });
    expect(task.createdBy).toEqual({ kind: 'flow', id: 'run-1' });
    await updateTask(db, admin, task.id, { done: true });
    const timeline = await listTimeline(db, admin, contact.id, { limit: 10 });
    expect(timeline.items.map((e) => e.summary)).toEqual(['Task done: Follow up', 'Task created: Follow up']);
    expect(timeline.items[1]?.actor).toEqual({ kind: 'workflow', id: 'run-1', name: null });
    const audit = await listAuditLog(db, admin, { entity: 'task', entityId: task.id, limit: 10 });
    expect(audit.items.map((a) => [a.action, a.actor.kind])).toEqual([
      ['update', 'api_key'],
      ['create', 'workflow'],
    ]);
  });

  it('adds a note to the timeline and emits note.created', async () => {
    const contact = await createContact(db, admin, { firstName: 'Note' });
    const note = await createNote(db, admin, { contactId: contact.id, body: '<b>called</b>, left a message' });
    expect(note.body).toBe('<b>called</b>, left a message');
    const timeline = await listTimeline(db, admin, contact.id, { limit: 10 });
    expect(timeline.items[0]).toMatchObject({ kind: 'note', data: { noteId: note.id } });
    expect(await events()).toContain('note.created');
  });

  it('upserts by email case-insensitively, and adds and removes tags', async () => {
    const first = await upsertContactByEmail(db, admin, { email: 'Up@Sert.io', firstName: 'One', tags: ['a'] });
    const again = await upsertContactByEmail(db, admin, { email: 'up@sert.IO', lastName: 'Two' });
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.contact).toMatchObject({ id: first.contact.id, firstName: 'One', lastName: 'Two' });
    expect((await addTags(db, admin, first.contact.id, ['b', 'a'])).tags).toEqual(['a', 'b']);
    expect((await removeTags(db, admin, first.contact.id, ['a'])).tags).toEqual(['b']);
    // A sales rep cannot take over someone else's contact through an import.
    const rep: Principal = { ...admin, role: 'sales_rep', userId: randomUUID(), via: 'session' };
    await expect(upsertContactByEmail(db, rep, { email: 'up@sert.io' })).rejects.toMatchObject({ status: 409 });
  });

  it('appends timeline entries for the flow engine, newest first, with cursor paging', async () => {
    const contact = await createContact(db, admin, { firstName: 'Timeline' });
    for (const kind of ['email_sent', 'email_opened', 'email_clicked'] as const) {
      await appendTimelineEntry(db, admin, contact.id, { kind, summary: kind, data: { messageId: 'm1' } });
    }
    const page1 = await listTimeline(db, admin, contact.id, { limit: 2 });
    const page2 = await listTimeline(db, admin, contact.id, { limit: 2, cursor: page1.nextCursor! });
    expect([...page1.items, ...page2.items].map((e) => e.kind)).toEqual([
      'email_clicked',
      'email_opened',
      'email_sent',
    ]);
    expect(page2.nextCursor).toBeNull();
    expect(page1.items[0]!.actor).toEqual({ kind: 'api_key', id: null, name: null });
    // A user's entry carries their name, so the timeline says who, not "by user".
    const [user] = (await db.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [
      `${randomUUID()}@crm.test`,
      'Maya Marketer',
    ])) as Array<{ id: string }>;
    const byUser: Principal = { ...admin, userId: user!.id, via: 'session' };
    const note = await appendTimelineEntry(db, byUser, contact.id, { kind: 'note', summary: 'called' });
    expect(note.actor).toEqual({ kind: 'user', id: user!.id, name: 'Maya Marketer' });
    expect((await listTimeline(db, admin, contact.id, { limit: 1 })).items[0]!.actor.name).toBe('Maya Marketer');
    await expect(appendTimelineEntry(db, admin, randomUUID(), { kind: 'note', summary: 'x' })).rejects.toMatchObject({
      status: 404,
    });
  });
});
