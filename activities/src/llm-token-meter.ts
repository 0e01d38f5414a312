import { AsyncLocalStorage } from 'node:async_hooks';
import type { ActivityMetricsHooks } from './activity-metrics-hooks';

type LlmTokenHook = ActivityMetricsHooks['llmTokens'];

/**
 * Which worker's token counter the running activity reports to. Carried by the async context
 * rather than passed down every AI call path, so the call site (callChatModel) stays one line,
 * and rather than a process global, so two workers in one process (tests) never count for each other.
 */
const currentHook = new AsyncLocalStorage<LlmTokenHook>();

/** The same activities, each running with `hook` as the counter its LLM calls report tokens to. */
export function meterLlmTokens<T extends object>(activities: T, hook: LlmTokenHook): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      typeof activity === 'function'
        ? (...args: unknown[]) => currentHook.run(hook, () => (activity as (...a: unknown[]) => unknown)(...args))
        : activity,
    ]),
  ) as T;
}

/** Called once per LLM call with the usage the provider reported; outside a metered activity it does nothing. */
export function recordLlmTokens(model: string, usage: { inputTokens: number; outputTokens: number }): void {
  const hook = currentHook.getStore();
  if (!hook) return;
  hook({ model, kind: 'prompt' }, usage.inputTokens);
  hook({ model, kind: 'completion' }, usage.outputTokens);
}
