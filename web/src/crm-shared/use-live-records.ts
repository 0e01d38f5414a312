import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { LIVE_SERVER_MESSAGES, type LiveEvent } from '@cadenza/core';

export interface LiveRecordHandlers {
  /** One domain event of the joined rooms (ids and a small payload; fetch details over REST). */
  onEvent: (event: LiveEvent) => void;
  /**
   * The stream is caught up. `connected`: first join, so anything written between the REST
   * fetch and the join was not replayed (refetch if that matters). `resumed`: a reconnect
   * replayed what it missed by seq. `reset`: the log no longer held it; refetch what is on screen.
   */
  onResync?: (reason: 'connected' | 'resumed' | 'reset') => void;
}

/**
 * Joins live rooms for CRM screens: `tenant:<tenantId>` for lists and boards (every record
 * of the workspace), `contact:<id>` for one contact's page. The session cookie authenticates
 * the socket; the handshake names the rooms and the last seq seen, so a reconnect rejoins
 * and replays what it missed. Pass a stable `rooms` key (the hook reconnects when it changes).
 */
export function useLiveRecords(rooms: string[], handlers: LiveRecordHandlers): void {
  // Read through a ref so new callbacks each render do not reconnect the socket.
  const current = useRef(handlers);
  current.current = handlers;
  const key = rooms.filter(Boolean).join(',');
  useEffect(() => {
    if (!key) return;
    const joined = key.split(',');
    let lastSeq: number | undefined;
    let resumedFrom: number | undefined;
    let socket: Socket | undefined;
    let closed = false;
    // The client library loads once the page has drawn: it is not needed for the first paint (a
    // phone spends a tenth of a second fetching and running it), and nothing is missed meanwhile,
    // since `ready` on connecting resyncs the rows anyway.
    void import('socket.io-client').then(({ io }) => {
      if (closed) return;
      socket = io({
        transports: ['websocket'],
        auth: (send) => {
          resumedFrom = lastSeq;
          send(lastSeq ? { rooms: joined, lastSeq } : { rooms: joined });
        },
      });
      socket.on(LIVE_SERVER_MESSAGES.event, (event: LiveEvent) => {
        lastSeq = event.seq;
        current.current.onEvent(event);
      });
      socket.on(LIVE_SERVER_MESSAGES.ready, () =>
        current.current.onResync?.(resumedFrom === undefined ? 'connected' : 'resumed'),
      );
      socket.on(LIVE_SERVER_MESSAGES.reset, ({ seq }: { seq: number }) => {
        lastSeq = seq;
        current.current.onResync?.('reset');
      });
    });
    return () => {
      closed = true;
      socket?.disconnect();
    };
  }, [key]);
}
