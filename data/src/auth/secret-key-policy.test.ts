import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSecretKey, secretKeyWeakness } from './secret-key-policy';

const production = { production: true };
const repoRoot = path.resolve(__dirname, '../../..');

/** Files an operator copies settings from: every 64-hex value in them is a key anyone can read. */
function publishedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  return [
    'docker-compose.yml',
    'README.md',
    'deploy/env.example',
    'deploy/README.md',
    'deploy/runbook.md',
    ...walk(path.join(repoRoot, 'deploy/helm')).map((file) => path.relative(repoRoot, file)),
  ];
}

describe('secret key policy', () => {
  it('refuses the key docker-compose.yml used to fall back to', () => {
    const published = '8eb95d7c9ffd4aec451b8e58d90aed779e3746fece601434b8950103135dd694';
    expect(() => readSecretKey(published, production)).toThrow(/published key/);
    // Development keeps working with it (a checkout that still has it in a local .env).
    expect(readSecretKey(published, { production: false })).toHaveLength(32);
  });

  it('refuses keys made by hand: zeros, repeats, counting, text, few distinct bytes', () => {
    const weak: Array<[string, RegExp]> = [
      ['0'.repeat(64), /repeats/],
      ['ab'.repeat(32), /repeats/],
      ['0123456789abcdef'.repeat(4), /repeats/],
      [Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex'), /counting/],
      [Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - 3 * i)).toString('hex'), /counting/],
      [Buffer.from('Correct-Horse-Battery-Staple-42!').toString('base64'), /printable text/],
      [Buffer.from(Array.from({ length: 32 }, (_, i) => [0, 1, 2, 3, 250, 7][i % 7] ?? 9)).toString('hex'), /entropy/],
    ];
    for (const [key, why] of weak) expect(() => readSecretKey(key, production)).toThrow(why);
  });

  it('refuses keys that are too short or not a key at all, in every mode', () => {
    expect(() => readSecretKey('change-me-64-hex-characters', { production: false })).toThrow(/32 bytes/);
    expect(() => readSecretKey(randomBytes(16).toString('hex'), production)).toThrow(/32 bytes/);
  });

  it('accepts random keys, hex or base64', () => {
    for (let i = 0; i < 200; i += 1) {
      const key = randomBytes(32);
      expect(secretKeyWeakness(key)).toBeNull();
      expect(readSecretKey(key.toString(i % 2 ? 'hex' : 'base64'), production)).toEqual(key);
    }
  });

  it('refuses every key written in the compose file, the chart, the env example and the docs', () => {
    for (const file of publishedFiles()) {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      for (const [hex] of text.matchAll(/\b[0-9a-f]{64}\b/gi)) {
        expect({ file, weakness: secretKeyWeakness(Buffer.from(hex, 'hex')) }).toEqual({
          file,
          weakness: expect.any(String),
        });
      }
    }
  });
});
