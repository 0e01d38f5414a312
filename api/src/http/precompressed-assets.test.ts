import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { precompressedAssets } from './precompressed-assets';

describe('precompressed web assets', () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'cadenza-dist-'));
  const source = 'console.log("hello from the app");'.repeat(20);
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'assets', 'app.js'), source);
  writeFileSync(path.join(dist, 'assets', 'app.js.gz'), gzipSync(source));
  writeFileSync(path.join(dist, 'assets', 'app.js.br'), brotliCompressSync(source));
  writeFileSync(path.join(dist, 'assets', 'plain.css'), 'body{}');
  writeFileSync(path.join(dist, 'secret.txt'), 'not an asset');
  writeFileSync(path.join(dist, 'secret.txt.gz'), gzipSync('not an asset'));
  const app = express().use(precompressedAssets(dist)).use(express.static(dist));

  it('sends brotli when accepted, else gzip, with the type of the original and a long cache', async () => {
    const br = await request(app).get('/assets/app.js').set('Accept-Encoding', 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.text).toBe(source);

    const gz = await request(app).get('/assets/app.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(source);
  });

  it('falls through to the plain file when nothing compressed fits', async () => {
    const identity = await request(app).get('/assets/app.js').set('Accept-Encoding', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.text).toBe(source);
    const css = await request(app).get('/assets/plain.css').set('Accept-Encoding', 'gzip, br');
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.text).toBe('body{}');
  });

  it('answers only inside the assets folder', async () => {
    const outside = await request(app).get('/assets/../secret.txt').set('Accept-Encoding', 'gzip');
    expect(outside.headers['content-encoding']).toBeUndefined();
    const missing = await request(app).get('/assets/nope.js').set('Accept-Encoding', 'gzip');
    expect(missing.status).toBe(404);
  });
});
