import { Box, Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { isEmptyDiff, type FlowDiff, type ValueChange } from './flow-diff';

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

function Change({ change }: { change: ValueChange }) {
  return (
    <Box component="span" sx={{ display: 'block', fontSize: 12 }}>
      <code>{change.path || '(value)'}</code>:{' '}
      <Box component="del" sx={{ color: 'error.main' }}>
        {show(change.before)}
      </Box>{' '}
      →{' '}
      <Box component="ins" sx={{ color: 'success.main', textDecoration: 'none' }}>
        {show(change.after)}
      </Box>
    </Box>
  );
}

const Group = ({ title, items }: { title: string; items: string[] }) =>
  items.length ? (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <Typography variant="body2" sx={{ mr: 0.5 }}>
        {title}:
      </Typography>
      {items.map((item) => (
        <Chip key={item} size="small" label={item} />
      ))}
    </Stack>
  ) : null;

/** A flow diff as a reviewer reads it: steps and connections added or removed, settings before → after. */
export function FlowDiffView({ diff, against }: { diff: FlowDiff; against: string }) {
  if (isEmptyDiff(diff)) {
    return (
      <Typography color="text.secondary" role="status">
        No changes since {against}
        {diff.nodes.moved.length ? ` (only ${diff.nodes.moved.length} step(s) moved on the canvas)` : ''}.
      </Typography>
    );
  }
  return (
    <Stack spacing={1} role="region" aria-label="changes">
      <Typography variant="caption" color="text.secondary">
        Compared with {against}
      </Typography>
      <Group title="Steps added" items={diff.nodes.added} />
      <Group title="Steps removed" items={diff.nodes.removed} />
      <Group title="Connections added" items={diff.edges.added} />
      <Group title="Connections removed" items={diff.edges.removed} />
      {diff.nodes.changed.length > 0 && (
        <Box>
          <Typography variant="body2">Steps changed:</Typography>
          <List dense disablePadding>
            {diff.nodes.changed.map((node) => (
              <ListItem key={node.id} disableGutters>
                <ListItemText
                  primary={node.id}
                  secondary={node.changes.map((change) => (
                    <Change key={change.path} change={change} />
                  ))}
                  slotProps={{ secondary: { component: 'div' } }}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {diff.settings.length > 0 && (
        <Box>
          <Typography variant="body2">Flow settings changed:</Typography>
          {diff.settings.map((change) => (
            <Change key={change.path} change={change} />
          ))}
        </Box>
      )}
      {diff.nodes.moved.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          Also moved on the canvas: {diff.nodes.moved.join(', ')}
        </Typography>
      )}
    </Stack>
  );
}
