// Imports nothing: vite.config.ts reads this table at build time.

/**
 * The pages worth preloading (the flow list, which `/` redirects to, the designer and the contacts
 * list): the address each answers and the module its route loads. The build lists each page's
 * chunks in `route-preloads.json` (vite.config.ts), and the API names them in a `Link` header on
 * the page's index.html (api/src/http/route-preload-links.ts): the browser fetches them along
 * with the main bundle, and no script of ours spends main-thread time adding preload links.
 */
export const DEEP_LINK_PAGES = [
  { page: 'flows', pattern: /^\/(flows)?$/, module: 'src/flows/flow-list-page.tsx' },
  { page: 'designer', pattern: /^\/flows\/([^/]+)$/, module: 'src/designer/designer-page.tsx' },
  { page: 'contacts', pattern: /^\/contacts$/, module: 'src/contacts/contacts-page.tsx' },
] as const;
