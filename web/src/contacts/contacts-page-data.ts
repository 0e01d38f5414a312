import type { AppDispatch } from '../store';
import { DEFAULT_SORT, type ContactListArgs } from './contact-query';
import { contactsApi } from './contacts-api';

/** What /contacts lists when opened: every contact, newest change first. */
export const INITIAL_CONTACT_ARGS: ContactListArgs = { filters: {}, sort: DEFAULT_SORT };

/**
 * Asks for the data /contacts draws on its first paint (the first page of rows, the custom fields,
 * the saved views and the workspace's members by name), so that it arrives
 * alongside the page's code instead of after the page has rendered once without it: on a phone
 * that is a round trip and a whole render of the page saved.
 */
export function prefetchContactsPage(dispatch: AppDispatch): void {
  // `util.prefetch` does not take infinite queries; this is what it dispatches for the others.
  void dispatch(contactsApi.endpoints.listContacts.initiate(INITIAL_CONTACT_ARGS, { subscribe: false }));
  dispatch(contactsApi.util.prefetch('customFields', undefined, {}));
  dispatch(contactsApi.util.prefetch('savedViews', undefined, {}));
  dispatch(contactsApi.util.prefetch('workspaceMembers', undefined, {}));
}
