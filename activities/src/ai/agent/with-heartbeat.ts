import { Context } from '@temporalio/activity';

const HEARTBEAT_EVERY_MS = 3_000;

/** The running activity's context, or undefined outside one (a script calling the chain directly). */
export function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * Heartbeats while `work` runs. A model call can take minutes, so the activity's heartbeat
 * timeout, not its start-to-close timeout, is what notices a killed worker within seconds.
 */
export async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const context = activityContext();
  if (!context) return work();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
