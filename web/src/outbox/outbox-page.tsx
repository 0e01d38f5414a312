import {
  Alert,
  Box,
  Button,
  Chip,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { MessageChannel } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { useListOutboxInfiniteQuery } from './outbox-api';
import { MessageDetail } from './message-detail';
import { STATUS_COLOR, messageHeadline } from './message-format';
import { formatDateTime } from '../format/plain-format';
import { nearEnd } from '../crm-shared/near-end';
import { outboxRows, type OutboxFilter } from './outbox-pages';
import { useLiveOutbox } from './use-live-outbox';

type ChannelFilter = MessageChannel | 'all';

/**
 * Every message the workspace sent or kept (email, SMS, Slack), newest first, live: the
 * list loads a page at a time as it is scrolled to its end.
 */
export function OutboxPage() {
  const { messageId } = useParams();
  const navigate = useNavigate();
  const role = useMeQuery().data?.role;
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const filter = useMemo<OutboxFilter>(() => (channel === 'all' ? {} : { channel }), [channel]);
  const messages = useListOutboxInfiniteQuery(filter);
  const rows = useMemo(() => outboxRows(messages.data?.pages), [messages.data?.pages]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = messages;
  const loadMore = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  useLiveOutbox(filter, messages.data?.pages, refetch);
  return (
    <Box sx={{ p: 3, display: 'grid', gridTemplateColumns: { md: 'minmax(320px, 2fr) 3fr' }, gap: 2 }}>
      <Stack spacing={1.5} sx={{ minWidth: 0 }}>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
            Outbox
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={channel}
            onChange={(_e, next: ChannelFilter | null) => next && setChannel(next)}
            aria-label="channel"
          >
            <ToggleButton value="all">All</ToggleButton>
            <ToggleButton value="email">Email</ToggleButton>
            <ToggleButton value="sms">SMS</ToggleButton>
            <ToggleButton value="slack">Slack</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        {messages.error && <Alert severity="error">{errorMessage(messages.error)}</Alert>}
        <Paper
          variant="outlined"
          sx={{ maxHeight: 'calc(100vh - 170px)', overflow: 'auto' }}
          data-testid="outbox-scroller"
          onScroll={(event) => {
            if (nearEnd(event.currentTarget)) loadMore();
          }}
        >
          {messages.isLoading && <Typography sx={{ p: 2 }}>Loading…</Typography>}
          {messages.isSuccess && rows.length === 0 && (
            <Typography sx={{ p: 2 }} color="text.secondary">
              Nothing sent yet. Messages appear here the moment a flow sends them.
            </Typography>
          )}
          <List dense disablePadding aria-label="messages">
            {rows.map((message) => (
              <ListItemButton
                key={message.id}
                selected={message.id === messageId}
                onClick={() => navigate(`/outbox/${message.id}`)}
                divider
              >
                <ListItemText
                  primary={messageHeadline(message)}
                  secondary={`${message.channel} · ${message.to} · ${formatDateTime(message.createdAt)}`}
                  slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true } }}
                />
                <Chip size="small" label={message.status} color={STATUS_COLOR[message.status]} sx={{ ml: 1 }} />
              </ListItemButton>
            ))}
          </List>
          {hasNextPage && (
            <Button
              fullWidth
              size="small"
              onClick={loadMore}
              disabled={isFetchingNextPage}
              data-testid="outbox-load-more"
            >
              {isFetchingNextPage ? 'Loading…' : 'Load older messages'}
            </Button>
          )}
        </Paper>
      </Stack>
      <Box sx={{ minWidth: 0 }}>
        {messageId && role ? (
          <MessageDetail key={messageId} id={messageId} role={role} />
        ) : (
          <Typography color="text.secondary" sx={{ mt: 7 }}>
            Pick a message to see it as the recipient did, with its source.
          </Typography>
        )}
      </Box>
    </Box>
  );
}
