// Imports nothing: vite.config.ts reads this table at build time.

/**
 * The pages worth preloading (the flow list, which `/` redirects to, the designer and the contacts
 * list): the address each answers and the module its route loads. The build lists each page's
 * chunks in `route-preloads.json` (vite.config.ts), and the API names them in a `Link` header on
 * the page's index.html (api/src/http/route-pages.ts): the browser fetches them along
 * with the main bundle, and no script of ours spends main-thread time adding preload links.
 * `data` are the API reads its first paint waits for (`$1`: the address's first group), exactly
 * as the app asks for them (api/cadenza-api.ts): the same header preloads them, so they no longer
 * wait for the scripts to download and run (the browser hands the preloaded answer to the app's
 * request).
 */
export const DEEP_LINK_PAGES = [
  {
    page: 'flows',
    pattern: /^\/(flows)?$/,
    module: 'src/flows/flow-list-page.tsx',
    data: ['/api/v1/auth/me', '/api/v1/flows'],
  },
  {
    page: 'designer',
    pattern: /^\/flows\/([^/]+)$/,
    module: 'src/designer/designer-page.tsx',
    data: ['/api/v1/auth/me', '/api/v1/flows/$1'],
  },
  {
    page: 'contacts',
    pattern: /^\/contacts$/,
    module: 'src/contacts/contacts-page.tsx',
    data: ['/api/v1/auth/me'],
    title: 'Contacts',
  },
] as const;

/**
 * The contacts list's heading. The build writes it into an index.html of the page's own
 * (vite.config.ts, routePreloads; shell/page-first-paint.ts), where the page draws it, so a phone
 * shows it before any script has run. It is the page's largest text: behind some 250 KB of
 * compressed scripts to fetch and run, a throttled phone painted it 2 s after the first paint
 * (the largest contentful paint of mobile Lighthouse, issue 8).
 */
export const CONTACTS_TITLE = DEEP_LINK_PAGES[2].title;
