/**
 * Polls until `attempt` resolves truthy or the deadline passes; the error names what was
 * awaited and the last failure, so a service that never comes up is reported, not hung on.
 */
export async function waitUntil<T>(
  what: string,
  attempt: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  for (;;) {
    try {
      const result = await attempt();
      if (result) return result;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms: ${lastError}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
