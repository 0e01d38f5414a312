/** How big each drill is: `short` for CI on 2 vCPUs, `full` for the figures. */
export interface DrillSizes {
  enrollments: number;
  workerKills: number;
  temporalEnrollments: number;
  outageSeconds: number;
  fuzzExamples: number;
  brokenFlows: number;
  /** How long schemathesis may run before it is stopped and reported (a short run takes about 40 s). */
  fuzzSeconds: number;
  /** Replies the mailbox drills deliver and expect matched once. */
  mailboxReplies: number;
  /** How long Dovecot stays down in the IMAP outage drill (the issue: 60 s). */
  imapOutageSeconds: number;
  /** Worker SIGKILLs while the mailbox sync imports. */
  mailboxWorkerKills: number;
  /** How long any one drill may take: past it the drill is reported and the rest are not started. */
  drillSeconds: number;
}

export const DRILL_SIZES: Record<'short' | 'full', DrillSizes> = {
  short: {
    enrollments: 50,
    workerKills: 3,
    temporalEnrollments: 30,
    outageSeconds: 5,
    fuzzExamples: 5,
    brokenFlows: 60,
    fuzzSeconds: 300,
    mailboxReplies: 12,
    imapOutageSeconds: 5,
    mailboxWorkerKills: 2,
    drillSeconds: 600,
  },
  full: {
    enrollments: 500,
    workerKills: 20,
    temporalEnrollments: 200,
    outageSeconds: 30,
    fuzzExamples: 50,
    brokenFlows: 1000,
    fuzzSeconds: 1800,
    mailboxReplies: 100,
    imapOutageSeconds: 60,
    mailboxWorkerKills: 3,
    drillSeconds: 3600,
  },
};

export function parseDrillArgs(argv: string[]): { size: 'short' | 'full'; only: string[]; seed: number } {
  const size = argv.includes('--short') ? 'short' : 'full';
  const onlyArg = argv.find((arg) => arg.startsWith('--only='));
  const seedArg = argv.find((arg) => arg.startsWith('--seed='));
  return {
    size,
    only: onlyArg ? onlyArg.slice('--only='.length).split(',') : [],
    seed: seedArg ? Number(seedArg.slice('--seed='.length)) : Date.now() % 1_000_000,
  };
}
