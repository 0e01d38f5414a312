import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import { DEEP_LINK_PAGES } from './src/shell/deep-link-pages.js';
import { firstPaintOf, withFirstPaint } from './src/shell/page-first-paint.js';

/** A chunk's file and every file it imports statically, with their stylesheets. */
function filesOf(bundle: Rolldown.OutputBundle, fileName: string, seen = new Set<string>()): Set<string> {
  const chunk = bundle[fileName];
  if (seen.has(fileName) || chunk?.type !== 'chunk') return seen;
  seen.add(fileName);
  for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
  for (const imported of chunk.imports) filesOf(bundle, imported, seen);
  return seen;
}

/**
 * What every page loads before it can render: the entry chunk and, since main.tsx starts the app
 * in steps of dynamic imports, the chunks of those steps (with everything each imports).
 */
function bootFilesOf(bundle: Rolldown.OutputBundle, entry: Rolldown.OutputChunk): Set<string> {
  const files = filesOf(bundle, entry.fileName);
  for (const step of entry.dynamicImports) filesOf(bundle, step, files);
  return files;
}

/**
 * The boot steps of main.tsx import each other's chunks dynamically, so index.html would list none
 * of them and each would be fetched only when the step before it had run. This lists them all as
 * module preloads in index.html: they download together, as one static bundle would.
 */
function bootPreloads(): Plugin {
  return {
    name: 'cadenza-boot-preloads',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk }) {
        if (!bundle || !chunk) return html;
        const listed = new Set([...html.matchAll(/(?:href|src)="\/([^"]+)"/g)].map((match) => match[1]));
        const files = [...bootFilesOf(bundle, chunk)].filter((file) => !listed.has(file));
        const css = files.filter((file) => file.endsWith('.css'));
        if (css.length) throw new Error(`boot preloads: the boot steps import stylesheets (${css.join(', ')})`);
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * A page opened by its address (say a flow in the designer) would find out which chunks it needs
 * only once the main bundle has downloaded and run. The build lists, for each page of
 * src/shell/deep-link-pages.ts, the files its chunk needs beyond the main bundle's, in
 * `route-preloads.json` (with the API reads the page waits for); the API sends them as a `Link`
 * header with that page's index.html (api/src/http/route-pages.ts), so the browser fetches them at
 * once, with no script. A page with a first paint gets an index.html of its own,
 * `pages/<page>.html`, that draws its largest text before any script (src/shell/page-first-paint.ts);
 * the list names it for the API to send.
 */
function routePreloads(): Plugin {
  return {
    name: 'cadenza-route-preloads',
    apply: 'build',
    generateBundle: {
      order: 'post', // after index.html is in the bundle
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const entry = chunks.find((chunk) => chunk.isEntry);
        const loadedAnyway = entry ? bootFilesOf(bundle, entry) : new Set<string>();
        const index = bundle['index.html'];
        if (index?.type !== 'asset') throw new Error('route preloads: the bundle has no index.html');
        const routes = DEEP_LINK_PAGES.map((deepLink) => {
          const { pattern, module, data } = deepLink;
          const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`/${module}`));
          if (!page) throw new Error(`route preloads: no chunk for ${module} (src/shell/deep-link-pages.ts)`);
          const files = [...filesOf(bundle, page.fileName)].filter((file) => !loadedAnyway.has(file));
          const route = { pattern: pattern.source, files: files.map((file) => `/${file}`), data };
          const firstPaint = firstPaintOf(deepLink);
          if (firstPaint === undefined) return route;
          const html = `pages/${deepLink.page}.html`;
          this.emitFile({ type: 'asset', fileName: html, source: withFirstPaint(String(index.source), firstPaint) });
          return { ...route, html };
        });
        this.emitFile({
          type: 'asset',
          fileName: 'route-preloads.json',
          source: `${JSON.stringify(routes, null, 2)}\n`,
        });
      },
    },
  };
}

/**
 * Writes `x.js.br` and `x.js.gz` next to each built script and stylesheet, at maximum level,
 * for the API to send to browsers that accept them (api/src/http/precompressed-assets.ts).
 */
function precompress(): Plugin {
  return {
    name: 'cadenza-precompress',
    apply: 'build',
    writeBundle(options) {
      const assets = path.join(options.dir ?? 'dist', 'assets');
      for (const name of readdirSync(assets).filter((file) => /\.(js|css)$/.test(file))) {
        const file = path.join(assets, name);
        const source = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

// In dev (npm run dev -w web) Vite proxies the API so the app talks to it same-origin; the live
// socket's Origin is then http://localhost:5173, which the API allows outside production (APP_ORIGINS).
const api = process.env.CADENZA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), bootPreloads(), routePreloads(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': api, '/ready': api, '/health': api, '/socket.io': { target: api, ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // @cadenza/core is pure (no module runs anything on import), so a page importing one helper
      // from its barrel need not carry every schema: unused core modules are left out.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]core[\\/]src[\\/]/.test(id) },
    },
  },
});
