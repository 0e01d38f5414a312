import { waitUntil } from '../scripts/services/wait-until';
import type { DrillServices } from './drill-services';
import { runEnrollmentDrill, type EnrollmentDrillResult } from './enrollment-drill';

/**
 * Drill 2: the Temporal dev server (SQLite file in the drill's temp folder) is SIGKILLed
 * mid-run and started again on the same file; the same worker process reconnects.
 */
export async function temporalRestartDrill(
  services: DrillServices,
  options: { enrollments: number },
  log: (line: string) => void,
): Promise<EnrollmentDrillResult & { downSeconds: number; killedAtProgress: number }> {
  let downSeconds = 0;
  let killedAtProgress = 0;
  const result = await runEnrollmentDrill(
    services,
    options.enrollments,
    async ({ progress, enrolled }) => {
      await enrolled;
      killedAtProgress = await waitUntil(
        'a third of the steps',
        async () => {
          const now = await progress();
          return now >= 0.33 ? now : false;
        },
        { timeoutMs: 300_000, intervalMs: 50 },
      );
      const down = Date.now();
      await services.killTemporal();
      log(`temporal killed at ${(killedAtProgress * 100).toFixed(1)}% of steps`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await services.startTemporal();
      downSeconds = (Date.now() - down) / 1000;
      log(`temporal back after ${downSeconds.toFixed(1)} s`);
    },
    log,
  );
  return { ...result, downSeconds, killedAtProgress };
}
