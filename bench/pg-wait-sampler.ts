import type { DataSource } from '@cadenza/data';

export interface WaitSample {
  /** What the sessions were doing: "<wait event or CPU> | <statement start>". */
  what: string;
  /** Sessions seen in this state, summed over all samples: a share of database time. */
  sessions: number;
  share: number;
}

/**
 * Samples pg_stat_activity every `everyMs` while a phase runs: where database sessions
 * spend their time (lock waits, WAL flushes, which statements), without extensions.
 */
export function startWaitSampler(db: DataSource, everyMs = 25) {
  const counts = new Map<string, number>();
  let total = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = (await db.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 50) AS query
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      )) as Array<{ wait: string; state: string; query: string }>;
      for (const row of rows) {
        const what = row.state === 'active' ? `${row.wait} | ${row.query}` : `${row.state} (client side)`;
        counts.set(what, (counts.get(what) ?? 0) + 1);
        total += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async (top = 10): Promise<WaitSample[]> => {
    stopped = true;
    await loop;
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, sessions]) => ({ what, sessions, share: Math.round((sessions / Math.max(1, total)) * 1000) / 10 }));
  };
}
