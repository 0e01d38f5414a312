import { preloadablePage } from './preloadable-page';

// The pages worth preloading, defined in one place so the routes and the deep-link preload
// (preload-on-start.ts) share their chunks, and a preloaded page renders without suspending.
export const flowListPage = preloadablePage(() => import('../flows/flow-list-page').then((m) => m.FlowListPage));
export const designerPage = preloadablePage(() => import('../designer/designer-page').then((m) => m.DesignerPage));
export const contactsPage = preloadablePage(() => import('../contacts/contacts-page').then((m) => m.ContactsPage));
// The data its first paint needs, asked for while its code loads (see preload-on-start.ts).
export const importContactsData = () => import('../contacts/contacts-page-data');
