import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import { DEEP_LINK_PAGES } from './src/shell/deep-link-pages.js';

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
 * A page opened by its address (say a flow in the designer) would find out which chunks it needs
 * only once the main bundle has downloaded and run. The build lists, for each page of
 * src/shell/deep-link-pages.ts, the files its chunk needs beyond the main bundle's, in
 * `route-preloads.json`; the API sends them as a `Link` header with that page's index.html
 * (api/src/http/route-preload-links.ts), so the browser fetches them at once, with no script.
 */
function routePreloads(): Plugin {
  return {
    name: 'cadenza-route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
      const entry = chunks.find((chunk) => chunk.isEntry);
      const loadedAnyway = entry ? filesOf(bundle, entry.fileName) : new Set<string>();
      const routes = DEEP_LINK_PAGES.map(({ pattern, module }) => {
        const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`/${module}`));
        if (!page) throw new Error(`route preloads: no chunk for ${module} (src/shell/deep-link-pages.ts)`);
        const files = [...filesOf(bundle, page.fileName)].filter((file) => !loadedAnyway.has(file));
        return { pattern: pattern.source, files: files.map((file) => `/${file}`) };
      });
      this.emitFile({ type: 'asset', fileName: 'route-preloads.json', source: `${JSON.stringify(routes, null, 2)}\n` });
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

// In dev (npm run dev -w web) Vite proxies the API so the app talks to it same-origin.
const api = process.env.CADENZA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), routePreloads(), precompress()],
  server: { port: 5173, proxy: { '/api': api, '/ready': api, '/health': api } },
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
