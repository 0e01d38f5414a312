import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** mailbox-sync: backlog throughput and CPU per message; reply-to-run p95 with IDLE and polling, against the targets. */
export function mailboxSyncFigures(r: Json): Figure[] {
  const total = (r.backlog.cpuMsPerMessage as Array<{ program: string; ms: number }>).find(
    (row) => row.program === 'total',
  );
  return [
    figure('mailbox-sync', `backlog import (${r.backlog.messages} messages)`, r.backlog.messagesPerSecond, '/s'),
    figure('mailbox-sync', 'CPU per backlog message (all programs)', total?.ms ?? NaN, 'ms'),
    figure('mailbox-sync', 'reply delivered to run signalled p95, IDLE', r.latency.idle.p95Ms, 'ms', {
      name: 'target',
      value: r.latency.targets.idleP95Ms,
    }),
    figure('mailbox-sync', 'reply delivered to run signalled p95, polling', r.latency.polling.p95Ms, 'ms', {
      name: 'target (interval + 1 s)',
      value: r.latency.targets.pollingP95Ms,
    }),
  ];
}
