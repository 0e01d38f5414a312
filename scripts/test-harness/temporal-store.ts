import { existsSync, readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';

/**
 * Which of `needles` occur in the Temporal database file of this test run (the dev server the
 * harness started, with its write-ahead log), byte for byte: what Temporal's persistence, its
 * backups and anyone with the file would see. Null when the tests run against a Temporal of
 * someone else's (TEST_TEMPORAL_ADDRESS), whose storage this process cannot read.
 */
export function needlesInTemporalStore(needles: readonly string[]): string[] | null {
  const file = process.env.TEST_TEMPORAL_DB_FILE;
  if (!file) return null;
  const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  return needles.filter((needle) => bytes.includes(Buffer.from(needle)));
}

/** Which of `needles` occur in the raw (undecoded) histories of these workflows, as the server returns them. */
export async function needlesInHistories(
  client: Client,
  workflowIds: readonly string[],
  needles: readonly string[],
): Promise<string[]> {
  const found = new Set<string>();
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.add(needle);
  }
  return [...found];
}
