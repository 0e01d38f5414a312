import type { SyncCursor } from '@cadenza/data';

/** The next UID range to read from a folder, and where the cursor stands once it has been read. */
export type SyncPlan =
  | { kind: 'up-to-date'; cursor: SyncCursor }
  | { kind: 'read'; fromUid: number; toUid: number; after: SyncCursor; more: boolean; reset: boolean };

/**
 * Where a sync resumes. UIDs only grow within one UIDVALIDITY, so the stored last UID says what
 * was handled; a new UIDVALIDITY means the server renumbered the folder, so it is read again from
 * the start (an email seen before is recognised by its Message-ID, not its UID). At most
 * `batchSize` UIDs per call, so one poll stays short and the cursor moves in small steps.
 */
export function planSync(
  stored: SyncCursor | null,
  folder: { uidValidity: number; uidNext: number },
  batchSize: number,
): SyncPlan {
  const reset = stored !== null && stored.uidValidity !== folder.uidValidity;
  const lastUid = stored && !reset ? stored.lastUid : 0;
  const highest = folder.uidNext - 1;
  if (lastUid >= highest) return { kind: 'up-to-date', cursor: { uidValidity: folder.uidValidity, lastUid } };
  const toUid = Math.min(highest, lastUid + batchSize);
  return {
    kind: 'read',
    fromUid: lastUid + 1,
    toUid,
    after: { uidValidity: folder.uidValidity, lastUid: toUid },
    more: toUid < highest,
    reset,
  };
}
