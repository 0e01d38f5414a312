/**
 * Where a Gmail sync resumes. `history`: read users.history.list from `historyId` (continuing at
 * `pageToken` within one listing). `full`: list the INBOX (from `pageToken`), then continue from
 * the `historyId` taken before the listing started, so nothing that arrived meanwhile is missed.
 */
export type GmailCursor =
  { mode: 'history'; historyId: string; pageToken?: string } | { mode: 'full'; historyId: string; pageToken?: string };

const isId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,30}$/.test(value);

/** The stored cursor, or null when there is none or it is not one we wrote (a resync in full follows). */
export function parseGmailCursor(text: string | null): GmailCursor | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { mode?: unknown; historyId?: unknown; pageToken?: unknown };
    if ((parsed.mode !== 'history' && parsed.mode !== 'full') || !isId(parsed.historyId)) return null;
    const pageToken = typeof parsed.pageToken === 'string' && parsed.pageToken ? parsed.pageToken : undefined;
    return { mode: parsed.mode, historyId: parsed.historyId, ...(pageToken ? { pageToken } : {}) };
  } catch {
    return null;
  }
}

export const gmailCursorText = (cursor: GmailCursor): string => JSON.stringify(cursor);
