import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The API process never loads the activities (LangChain, the local model), the workflow bundle or
 * the worker: it loads every module main.ts imports, in a plain Node process as `npm start` runs
 * it, and lists what ended up in the module cache. ESLint checks the imports one file at a time;
 * this checks the whole graph, re-exports and barrels included.
 */
describe("the API's import graph", () => {
  it('holds no activities, workflows, workers or LangChain module', () => {
    const main = path.join(__dirname, 'main.ts');
    const entries = [...readFileSync(main, 'utf8').matchAll(/^import [^;]*? from '([^']+)';$/gm)].map(
      (match) => match[1]!,
    );
    expect(entries).toContain('./app');
    const script = `
      for (const entry of ${JSON.stringify(entries)}) require(entry.startsWith('.') ? ${JSON.stringify(__dirname)} + '/' + entry : entry);
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: path.join(__dirname, '..', '..'),
        encoding: 'utf8',
      }),
    ) as string[];
    expect(loaded.filter((file) => file.includes('/services/src/')).length).toBeGreaterThan(0);
    const forbidden = loaded.filter(
      (file) =>
        /\/(activities|workflows|workers)\/src\//.test(file) ||
        /node_modules\/(@langchain|node-llama-cpp)\//.test(file),
    );
    expect(forbidden).toEqual([]);
  }, 60_000);
});
