import type { DrillServices } from './drill-services';
import { runEnrollmentDrill, type EnrollmentDrillResult } from './enrollment-drill';

/**
 * Drill 3b: Redis stopped before a sequence sends. The cross-worker throttle lives in
 * Redis, so without it no worker can know a mailbox's count: sends must wait (activities
 * retry) rather than go out unthrottled, and once Redis is back every email goes out once.
 */
export async function redisOutageSendsDrill(
  services: DrillServices,
  options: { seconds: number; enrollments: number },
  log: (line: string) => void,
): Promise<EnrollmentDrillResult & { sentDuringOutage: number; reachedAtProgress: number }> {
  let reachedAtProgress = 0;
  let sentDuringOutage = 0;
  const result = await runEnrollmentDrill(
    services,
    options.enrollments,
    async ({ progress, enrolled, emailsDelivered }) => {
      // Down before the first send, so every email of the run meets the outage.
      await services.stopRedis();
      const down = Date.now();
      log('redis stopped');
      await enrolled;
      // Runs past their first step (a tag, no Redis needed) sit at a send, waiting. The outage
      // lasts its stated length; on a slow box fewer runs reach the send in that time.
      while (Date.now() - down < options.seconds * 1000) {
        reachedAtProgress = await progress();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      sentDuringOutage = emailsDelivered();
      await services.startRedis();
      log(`redis back after ${((Date.now() - down) / 1000).toFixed(1)} s; ${sentDuringOutage} emails sent while down`);
    },
    log,
  );
  const failures = [...result.failures];
  if (sentDuringOutage > 0) failures.push(`${sentDuringOutage} emails went out unthrottled while Redis was down`);
  if (result.completed !== result.enrollments)
    failures.push(`${result.enrollments - result.completed} runs did not complete after Redis came back`);
  return { ...result, reachedAtProgress, sentDuringOutage, failures };
}
