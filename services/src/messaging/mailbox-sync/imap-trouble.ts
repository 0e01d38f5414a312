/**
 * imapflow's errors: a refused sign-in, a NO/BAD answer, a socket or TLS failure. Database errors
 * (they carry a SQLSTATE `code` too) and anything else are ours: thrown, so the activity retries.
 */
export function isImapTrouble(error: unknown): boolean {
  if (!error || typeof error !== 'object' || 'driverError' in error) return false;
  const e = error as { authenticationFailed?: boolean; code?: unknown; responseStatus?: string };
  return Boolean(e.authenticationFailed || e.responseStatus || typeof e.code === 'string');
}
