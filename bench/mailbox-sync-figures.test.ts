import { mailboxSyncFigures } from './mailbox-sync-figures';

describe('mailbox-sync figures', () => {
  it('reports throughput and CPU per message, and each latency p95 against its target', () => {
    const figures = mailboxSyncFigures({
      backlog: {
        messages: 1000,
        messagesPerSecond: 500,
        cpuMsPerMessage: [
          { program: 'node', ms: 1 },
          { program: 'total', ms: 2.5 },
        ],
      },
      latency: {
        idle: { p95Ms: 500 },
        polling: { p95Ms: 31_000 },
        targets: { idleP95Ms: 2000, pollingP95Ms: 31_000 },
      },
    });
    expect(figures.map((f) => [f.value, f.ratio])).toEqual([
      [500, null],
      [2.5, null],
      [500, 0.25],
      [31_000, 1],
    ]);
  });
});
