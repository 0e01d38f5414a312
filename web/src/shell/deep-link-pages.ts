// Imports nothing: vite.config.ts reads this table at build time.

/**
 * The pages worth preloading (the flow list, which `/` redirects to, the designer and the contacts
 * list): the address each answers and the module its route loads. The build lists each page's
 * chunks in `route-preloads.json` (vite.config.ts), and the API names them in a `Link` header on
 * the page's index.html (api/src/http/route-pages.ts): the browser fetches them along
 * with the main bundle, and no script of ours spends main-thread time adding preload links.
 */
export const DEEP_LINK_PAGES = [
  { page: 'flows', pattern: /^\/(flows)?$/, module: 'src/flows/flow-list-page.tsx' },
  { page: 'designer', pattern: /^\/flows\/([^/]+)$/, module: 'src/designer/designer-page.tsx' },
  { page: 'contacts', pattern: /^\/contacts$/, module: 'src/contacts/contacts-page.tsx', title: 'Contacts' },
] as const;

/**
 * The contacts list's heading. The build writes it into the page's index.html (vite.config.ts,
 * pageFirstPaints) where the page draws it, so a phone shows it before any script has run: it is
 * the page's largest text, and with a megabyte of scripts to fetch and run first it was painted
 * 2.5 s later (the largest contentful paint of mobile Lighthouse, issue 8).
 */
export const CONTACTS_TITLE = DEEP_LINK_PAGES[2].title;
