import type { WorkerOptions } from '@temporalio/worker';

type WebpackConfiguration = Parameters<
  NonNullable<NonNullable<WorkerOptions['bundlerOptions']>['webpackConfigHook']>
>[0];

/**
 * Keeps what `@cadenza/core` exports but workflows never use out of the workflow bundle.
 *
 * Why it matters: with reused V8 contexts every workflow execution evaluates the bundle's
 * modules afresh (per-workflow module cache), so each run of a flow paid for building
 * every zod schema the core barrel pulls in (CRM, API, events...): the workflow thread's
 * profile was mostly zod schema construction and the garbage it leaves. Core is pure (no
 * module does anything on import), so webpack may skip any of its modules whose exports
 * are unused; this cut the core modules in the bundle from 90 to 23.
 */
export function pruneUnusedCoreModules(config: WebpackConfiguration): WebpackConfiguration {
  return {
    ...config,
    optimization: { ...config.optimization, sideEffects: true },
    module: {
      ...config.module,
      rules: [...(config.module?.rules ?? []), { test: /[\\/]core[\\/]src[\\/]/, sideEffects: false }],
    },
  };
}

export const workflowBundlerOptions: NonNullable<WorkerOptions['bundlerOptions']> = {
  webpackConfigHook: pruneUnusedCoreModules,
};
