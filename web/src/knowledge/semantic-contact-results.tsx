import { Link as RouterLink } from 'react-router-dom';
import { Alert, Box, Chip, LinearProgress, Link, List, ListItem, Typography } from '@mui/material';
import { errorMessage } from '../api/cadenza-api';
import { useSemanticSearchQuery } from './knowledge-api';
import { bestHitPerContact, splitHitTitle } from './semantic-hits';

/** How many notes and timeline entries one search ranks (several may be about the same contact). */
const HITS = 50;

/**
 * The contacts search box by meaning: contacts whose notes or timeline entries are closest to what
 * was typed, each with the text that matched. The API answers in the caller's view of contacts.
 */
export function SemanticContactResults({ query }: { query: string }) {
  // Asked again each time the mode is opened: notes written meanwhile may match.
  const result = useSemanticSearchQuery(
    { query, sources: ['note', 'timeline'], limit: HITS },
    { skip: !query, refetchOnMountOrArgChange: true },
  );
  if (!query) return <Typography color="text.secondary">Type what you are looking for, in your own words.</Typography>;
  const rows = bestHitPerContact(result.data?.items ?? []);
  return (
    <Box sx={{ overflowY: 'auto', flex: 1 }} data-testid="semantic-results">
      {result.isFetching && <LinearProgress aria-label="searching" />}
      {result.error ? <Alert severity="error">{errorMessage(result.error)}</Alert> : null}
      {result.data && rows.length === 0 && <Typography color="text.secondary">No notes or activity match.</Typography>}
      <List dense aria-label="contacts by meaning">
        {rows.map((row) => {
          const { who, what } = splitHitTitle(row);
          return (
            <ListItem key={row.id} divider sx={{ display: 'block' }}>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                <Link component={RouterLink} to={`/contacts/${row.contactId}`} sx={{ fontWeight: 600 }}>
                  {who}
                </Link>
                <Chip size="small" label={what} />
                <Typography variant="caption" color="text.secondary">
                  match {row.score.toFixed(2)}
                </Typography>
              </Box>
              <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
                {row.text}
              </Typography>
            </ListItem>
          );
        })}
      </List>
    </Box>
  );
}
