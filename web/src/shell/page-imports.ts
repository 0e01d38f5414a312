// The pages worth preloading, imported from one place so the routes' lazy components and the
// deep-link preload share their chunks.
export const importFlowList = () => import('../flows/flow-list-page');
export const importDesigner = () => import('../designer/designer-page');
export const importContacts = () => import('../contacts/contacts-page');
// The data its first paint needs, asked for while its code loads (see preload-on-start.ts).
export const importContactsData = () => import('../contacts/contacts-page-data');
