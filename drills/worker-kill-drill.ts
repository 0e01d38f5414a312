import { waitUntil } from '../scripts/services/wait-until';
import type { DrillServices } from './drill-services';
import { runEnrollmentDrill, type EnrollmentDrillResult } from './enrollment-drill';
import { seededRandom, strikePoints } from './seeded-random';

/** Drill 1: the worker is SIGKILLed `kills` times at random points of the run's progress. */
export async function workerKillDrill(
  services: DrillServices,
  options: { enrollments: number; kills: number; seed: number },
  log: (line: string) => void,
): Promise<EnrollmentDrillResult & { kills: number; killedAtProgress: number[] }> {
  const points = strikePoints(seededRandom(options.seed), options.kills, 0.02, 0.9);
  const killedAtProgress: number[] = [];
  const result = await runEnrollmentDrill(
    services,
    options.enrollments,
    async ({ progress, replaceWorker }) => {
      for (const point of points) {
        const reached = await waitUntil(
          `progress ${point.toFixed(2)}`,
          async () => {
            const now = await progress();
            return now >= point ? now : false;
          },
          { timeoutMs: 300_000, intervalMs: 50 },
        );
        killedAtProgress.push(Math.round(reached * 1000) / 1000);
        await replaceWorker();
        log(`worker killed at ${(reached * 100).toFixed(1)}% of steps`);
      }
    },
    log,
  );
  return { ...result, kills: killedAtProgress.length, killedAtProgress };
}
