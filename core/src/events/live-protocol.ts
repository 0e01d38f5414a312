import { z } from 'zod';
import { DomainEventSchema } from './domain-event';

/**
 * The Socket.IO wire contract between the live gateway and its clients. Client messages
 * are validated with these schemas; server messages are shaped by them.
 */
// The message names are in a module without zod, so browser code that only listens for them
// (the web app's live hooks) does not load zod.
export { LIVE_CLIENT_MESSAGES, LIVE_SERVER_MESSAGES } from './live-messages';

export const LastSeqSchema = z
  .number()
  .int()
  .min(0)
  .describe('seq of the last event the client received; 0 replays the whole retained log');

export const RoomNameSchema = z
  .string()
  .min(1)
  .max(200)
  .describe('room to join: tenant:<tenantId>, contact:<id>, flow:<id> or run:<id>');

/** `socket.handshake.auth`: credentials plus an optional resume point and initial rooms. */
export const LiveHandshakeAuthSchema = z.object({
  token: z.string().min(1).optional().describe('API key; omit to use the session cookie'),
  lastSeq: LastSeqSchema.optional(),
  rooms: z.array(RoomNameSchema).max(100).optional().describe('rooms to join before the stream starts'),
});
export type LiveHandshakeAuth = z.infer<typeof LiveHandshakeAuthSchema>;

export const SubscribeRequestSchema = z.object({ room: RoomNameSchema });
export type SubscribeRequest = z.infer<typeof SubscribeRequestSchema>;

export const ResumeRequestSchema = z.object({ lastSeq: LastSeqSchema });
export type ResumeRequest = z.infer<typeof ResumeRequestSchema>;

/** What every client message's ack callback receives. */
export const LiveAckSchema = z.union([
  z.object({ ok: z.literal(true), room: z.string().optional(), seq: z.number().int().optional() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);
export type LiveAck = z.infer<typeof LiveAckSchema>;

/** The `event` message body: the stored event itself. */
export const LiveEventSchema = DomainEventSchema;
export type LiveEvent = z.infer<typeof LiveEventSchema>;
