import type { ConnectionLike } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { DataSource } from '@cadenza/data';
import { summarizeReadiness, withTimeout, type ReadinessReport, type ServiceCheck } from '@cadenza/core';

export interface ReadinessDependencies {
  temporal: ConnectionLike;
  db: DataSource;
  redis: Redis;
  timeoutMs: number;
}

async function check(probe: () => Promise<unknown>, what: string, timeoutMs: number): Promise<ServiceCheck> {
  const started = performance.now();
  try {
    await withTimeout(probe(), timeoutMs, what);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: message };
  }
}

/** Probes Temporal, PostgreSQL and Redis in parallel, each with its own deadline. */
export async function probeReadiness({
  temporal,
  db,
  redis,
  timeoutMs,
}: ReadinessDependencies): Promise<ReadinessReport> {
  const [temporalCheck, postgres, redisCheck] = await Promise.all([
    check(() => temporal.workflowService.getSystemInfo({}), 'Temporal', timeoutMs),
    check(() => db.query('SELECT 1'), 'PostgreSQL', timeoutMs),
    check(() => redis.ping(), 'Redis', timeoutMs),
  ]);
  return summarizeReadiness({ temporal: temporalCheck, postgres, redis: redisCheck });
}
