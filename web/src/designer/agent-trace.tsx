import { useState } from 'react';
import { Box, Button, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { AgentTraceView } from './agent-trace-model';

/** An agent step's tool calls under the step in the run panel: collapsed to a count, expanded to each call. */
export function AgentTrace({ trace }: { trace: AgentTraceView }) {
  const [open, setOpen] = useState(false);
  const summary = `${trace.rows.length} tool call${trace.rows.length === 1 ? '' : 's'}${trace.outcome ? ` · ${trace.outcome}` : ''}`;
  return (
    <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
      <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)} sx={{ p: 0, minWidth: 0 }}>
        {open ? '▾' : '▸'} {summary}
      </Button>
      {open && (
        <List dense disablePadding aria-label="agent tool calls">
          {trace.rows.map((row) => (
            <ListItem key={row.index} disableGutters sx={{ pl: 1 }}>
              <ListItemText
                primary={`${row.index + 1}. ${row.label} · ${row.facts.join(' · ')}`}
                secondary={
                  <>
                    <Box component="code" sx={{ display: 'block', fontSize: 11, wordBreak: 'break-all' }}>
                      in: {row.input}
                    </Box>
                    <Typography
                      component="code"
                      sx={{
                        display: 'block',
                        fontSize: 11,
                        wordBreak: 'break-all',
                        color: row.failed ? 'error.main' : 'text.secondary',
                      }}
                    >
                      {row.failed ? 'error' : 'out'}: {row.detail}
                    </Typography>
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
