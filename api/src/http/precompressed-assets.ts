import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

/** Encodings the web build writes next to each asset (see web/vite.config.ts), best first. */
const ENCODINGS = [
  { encoding: 'br', extension: '.br' },
  { encoding: 'gzip', extension: '.gz' },
] as const;

/**
 * Serves the web app's hashed assets precompressed: `/assets/x.js` as `x.js.br` or `x.js.gz`
 * when the browser accepts it. The build compresses once at maximum level, so no request pays
 * for compression, and the app's JavaScript crosses the network at about a third of its size.
 * File names carry a content hash, so they are cached for a year. Anything else falls through
 * to express.static.
 */
export function precompressedAssets(distDir: string): RequestHandler {
  const assetsDir = path.resolve(distDir, 'assets');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    const file = path.resolve(distDir, `.${req.path}`);
    // A path that leaves the assets folder (../) is not ours to answer.
    if (!file.startsWith(assetsDir + path.sep)) return next();
    // Our order, not the browser's: every browser lists gzip first, brotli is smaller.
    const chosen = ENCODINGS.find(
      (e) => req.acceptsEncodings(e.encoding) === e.encoding && existsSync(file + e.extension),
    );
    res.vary('Accept-Encoding');
    if (!chosen || !existsSync(file)) return next();
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', chosen.encoding);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.sendFile(file + chosen.extension, (error) => error && next(error));
  };
}
