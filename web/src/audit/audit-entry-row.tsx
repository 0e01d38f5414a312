import { Box, TableCell, TableRow, Typography } from '@mui/material';
import { auditChangeText, auditFieldChanges, type AuditEntry } from '@cadenza/core';
import { formatDateTime } from '../format/plain-format';

/** A code word as people read it: "sign_in_failed" → "sign in failed". */
export const readableWord = (word: string): string => word.replaceAll('_', ' ');

/** Who acted: a member by name when the workspace knows them, else the kind and id. */
export function actorLabel(actor: AuditEntry['actor'], names: ReadonlyMap<string, string>): string {
  if (actor.kind === 'user') return actor.id ? (names.get(actor.id) ?? `user ${actor.id}`) : 'someone (not signed in)';
  if (actor.kind === 'api_key') return actor.id ? `API key ${actor.id}` : 'API key';
  if (actor.kind === 'workflow') return actor.id ? `flow run ${actor.id}` : 'a flow run';
  return 'system';
}

/** One entry: when, who, from where, what, and the change field by field (old → new). */
export function AuditEntryRow({ entry, names }: { entry: AuditEntry; names: ReadonlyMap<string, string> }) {
  const changes = auditFieldChanges(entry.before, entry.after);
  return (
    <TableRow data-testid="audit-entry" hover>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</TableCell>
      <TableCell>{actorLabel(entry.actor, names)}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{entry.clientAddress ?? '—'}</TableCell>
      <TableCell>
        <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
          {readableWord(entry.action)}
        </Typography>{' '}
        {readableWord(entry.entity)}{' '}
        <Typography variant="caption" component="span" color="text.secondary">
          {entry.entityId}
        </Typography>
      </TableCell>
      <TableCell>
        {changes.length === 0 ? (
          '—'
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {changes.map((change) => (
              <Typography key={change.field} component="li" variant="body2" sx={{ wordBreak: 'break-word' }}>
                {auditChangeText(change)}
              </Typography>
            ))}
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
}
