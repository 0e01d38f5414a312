import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions } from './workflow-bundle-options';

/**
 * The workflow bundle is evaluated once per workflow execution (reused V8 contexts keep a
 * module cache per workflow), so whatever it holds is paid on every run. zod schemas were
 * most of a flow run's workflow-thread CPU: core's schema modules must stay out of it.
 */
describe('the workflow bundle', () => {
  it('holds no zod, so no schema of core', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('@cadenza/workflows'),
      ...workflowBundlerOptions,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    const modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((match) => match[1]!);
    expect(modules.filter((name) => name.includes('/core/src/'))).not.toHaveLength(0);
    expect(modules.filter((name) => name.includes('node_modules/zod/'))).toEqual([]);
    expect(code).not.toMatch(/from 'zod'|require\("zod"\)/);
  }, 120_000);
});
