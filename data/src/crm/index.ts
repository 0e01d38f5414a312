export { CRM_ENTITIES } from './entities';
export { CrmCore1764300300000 } from './migration';
export { CrmRecordSearch1764301100000 } from './search-migration';
export { crmWrite, CrmWrite, type Db } from './crm-write';
export { actorOf, isOwnershipScoped, mayReadOwned, type CrmPrincipal } from './crm-principal';
export {
  listContacts,
  getContact,
  requireContact,
  getContactsByIds,
  readableContactIds,
  patchContact,
  findContactByEmail,
  createContact,
  updateContact,
  updateContactFields,
  addTags,
  removeTags,
  upsertContactByEmail,
  deleteContact,
} from './contacts';
export { listTimeline, appendTimelineEntry } from './timeline';
export { listCompanies, getCompany, createCompany, updateCompany, deleteCompany } from './companies';
export { listAuditLog } from './audit-log';
export {
  listPipelines,
  getPipeline,
  createPipeline,
  updatePipeline,
  deletePipeline,
  addStage,
  updateStage,
  deleteStage,
} from './pipelines';
export { listDeals, getDeal, createDeal, updateDeal, changeDealStage, deleteDeal, dealStageSummary } from './deals';
export { listTasks, getTask, createTask, updateTask, deleteTask } from './tasks';
export { listNotes, getNote, createNote, deleteNote } from './notes';
export { listCustomFields, createCustomField, updateCustomField, deleteCustomField } from './custom-fields';
