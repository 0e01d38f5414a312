import { Card, CardContent, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { TimelineEntry } from '@cadenza/core';
import { actorLabel, humanize } from './contact-format';
import { formatDateTime } from '../format/plain-format';

/** Everything that happened to the contact, newest first. */
export function ContactTimeline({ entries }: { entries: TimelineEntry[] | undefined }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6">Timeline</Typography>
        {entries && entries.length === 0 && (
          <Typography color="text.secondary" variant="body2">
            Nothing yet.
          </Typography>
        )}
        <List dense aria-label="timeline">
          {(entries ?? []).map((entry) => (
            <ListItem key={entry.id} disableGutters data-kind={entry.kind}>
              <ListItemText
                primary={entry.summary}
                secondary={`${humanize(entry.kind)} · ${formatDateTime(entry.occurredAt)} · by ${actorLabel(entry.actor)}`}
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
