import { modelApi } from '../ai/model-api';
import { cadenzaApi } from '../api/cadenza-api';
import type { AppStore } from '../store';
import { deepLinkOf } from './deep-link';
import { isWideShell } from './wide-shell';
import { contactsPage, designerPage, flowListPage, importContactsData } from './page-imports';

/**
 * A page opened by its address asks for the data its first paint waits for while the app starts,
 * rather than after the shell renders: on a phone each step waited for in turn is a quarter of a
 * second more of a blank page. The session check starts here, and the shell's and the page's data
 * are asked for once it answers, so a signed-out visit makes no request that fails.
 */
export function preloadOnStart(pathname: string, store: AppStore): void {
  const link = deepLinkOf(pathname);
  const session = store.dispatch(cadenzaApi.endpoints.me.initiate());
  void session.then(({ data }) => {
    session.unsubscribe();
    if (!data) return;
    // The wide shell's model chip, drawn with the first signed-in render (a compact bar folds it away).
    if (isWideShell()) void store.dispatch(modelApi.util.prefetch('activeModel', undefined, {}));
    if (link?.page === 'flows') void store.dispatch(cadenzaApi.util.prefetch('listFlows', undefined, {}));
    if (link?.page === 'designer') void store.dispatch(cadenzaApi.util.prefetch('getFlow', link.flowId, {}));
    if (link?.page === 'contacts') void importContactsData().then((m) => m.prefetchContactsPage(store.dispatch));
  });
}

/**
 * A page opened by its address loads its code before the route asks for it, so the route renders
 * it without suspending (preloadable-page.tsx). The API's Link header on index.html has usually
 * downloaded it already; this evaluates it.
 */
export function preloadDeepLinkedPage(pathname: string): void {
  const link = deepLinkOf(pathname);
  if (link) void { flows: flowListPage, designer: designerPage, contacts: contactsPage }[link.page].preload();
}
