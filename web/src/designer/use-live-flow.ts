import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { LIVE_SERVER_MESSAGES, type LiveEvent } from '@cadenza/core';

/**
 * Joins the flow's live room (the session cookie authenticates the socket) and calls
 * `onRunEvent` for each run event. The handshake names the room and the last seq seen, so a
 * reconnect rejoins and replays what it missed; `ready`/`reset` also refresh, since state may
 * have moved while the socket was away.
 */
export function useLiveFlow(flowId: string | undefined, onRunEvent: (event?: LiveEvent) => void): void {
  // Read through a ref so a new callback each render does not reconnect the socket.
  const callback = useRef(onRunEvent);
  callback.current = onRunEvent;
  useEffect(() => {
    if (!flowId) return;
    let lastSeq: number | undefined;
    let socket: Socket | undefined;
    let closed = false;
    const rooms = [`flow:${flowId}`];
    // The client library loads after the canvas is drawn: it is not needed to show the flow, and
    // nothing is missed meanwhile, since `ready` on connecting refreshes the counts anyway.
    void import('socket.io-client').then(({ io }) => {
      if (closed) return;
      socket = io({
        transports: ['websocket'],
        auth: (send) => send(lastSeq ? { rooms, lastSeq } : { rooms }),
      });
      socket.on(LIVE_SERVER_MESSAGES.event, (event: LiveEvent) => {
        lastSeq = event.seq;
        if (event.subject === 'run' || event.type.startsWith('run.')) callback.current(event);
      });
      socket.on(LIVE_SERVER_MESSAGES.ready, () => callback.current());
      socket.on(LIVE_SERVER_MESSAGES.reset, ({ seq }: { seq: number }) => {
        lastSeq = seq;
        callback.current();
      });
    });
    return () => {
      closed = true;
      socket?.disconnect();
    };
  }, [flowId]);
}
