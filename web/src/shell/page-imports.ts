// The pages worth preloading, imported from one place so the routes' lazy components and the
// deep-link preload share their chunks.
export const importFlowList = () => import('../flows/flow-list-page');
export const importDesigner = () => import('../designer/designer-page');
export const importContacts = () => import('../contacts/contacts-page');
