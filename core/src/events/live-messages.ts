/** The Socket.IO message names of the live gateway's wire contract (see live-protocol.ts). */
export const LIVE_CLIENT_MESSAGES = {
  /** Join a room: `{ room }`, answered through the ack callback. */
  subscribe: 'subscribe',
  /** Leave a room: `{ room }`. */
  unsubscribe: 'unsubscribe',
  /** Replay everything after `lastSeq` (for the rooms joined), then continue live. */
  resume: 'resume',
} as const;

export const LIVE_SERVER_MESSAGES = {
  /** One domain event (ids and a small payload; fetch details over REST). */
  event: 'event',
  /** Replay finished: the client is caught up to `seq` and live events follow. */
  ready: 'ready',
  /** The log no longer holds events the client asked for (retention): refetch state, then resume from `seq`. */
  reset: 'reset',
  /** A message could not be handled and had no ack callback to answer through. */
  error: 'live_error',
} as const;
