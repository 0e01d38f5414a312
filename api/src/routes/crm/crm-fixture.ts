import type { Principal } from '@cadenza/core';
import {
  createCompany,
  createContact,
  createCustomField,
  createDeal,
  createNote,
  createPipeline,
  createTask,
  createImport,
  parseCsv,
  type DataSource,
} from '@cadenza/data';

/** One of every CRM record in a tenant, owned by `owner` (a user id), made through the repositories. */
export interface CrmFixture {
  companyId: string;
  contactId: string;
  pipelineId: string;
  /** Stage 0 holds the deal; stage 1 is empty, so it can be deleted. */
  stageId: string;
  emptyStageId: string;
  emptyPipelineId: string;
  dealId: string;
  taskId: string;
  noteId: string;
  customFieldId: string;
  /** A stored import (no workflow runs it). */
  importId: string;
}

export async function createCrmFixture(db: DataSource, admin: Principal, owner: string): Promise<CrmFixture> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const company = await createCompany(db, admin, { name: `Fixture Co ${suffix}` });
  const contact = await createContact(db, admin, {
    firstName: 'Fix',
    email: `fix-${suffix}@example.com`,
    companyId: company.id,
    ownerId: owner,
  });
  const pipeline = await createPipeline(db, admin, { name: 'Sales', stages: [{ name: 'Open' }, { name: 'Empty' }] });
  const emptyPipeline = await createPipeline(db, admin, { name: 'Unused', stages: [{ name: 'Only' }] });
  const deal = await createDeal(db, admin, {
    name: 'Fixture deal',
    pipelineId: pipeline.id,
    stageId: pipeline.stages[0]!.id,
    contactId: contact.id,
    ownerId: owner,
  });
  const task = await createTask(db, admin, { title: 'Call', contactId: contact.id, assigneeId: owner });
  const note = await createNote(db, admin, { contactId: contact.id, body: 'fixture note' });
  const field = await createCustomField(db, admin, { key: `f_${suffix}`, label: 'Fixture', type: 'text' });
  const imported = await createImport(db, admin, {
    fileName: 'fixture.csv',
    csv: parseCsv(`Email\nimport-${suffix}@example.com\n`),
    mapping: { Email: 'email' },
  });
  return {
    companyId: company.id,
    contactId: contact.id,
    pipelineId: pipeline.id,
    stageId: pipeline.stages[0]!.id,
    emptyStageId: pipeline.stages[1]!.id,
    emptyPipelineId: emptyPipeline.id,
    dealId: deal.id,
    taskId: task.id,
    noteId: note.id,
    customFieldId: field.id,
    importId: imported.id,
  };
}
