export { ContactViews1764301000000 } from './migration';
export { listSavedViews, createSavedView, updateSavedView, deleteSavedView } from './saved-views';
export { bulkTagContacts, bulkAssignOwner } from './contact-bulk';
export { getContactScore } from './contact-score';
