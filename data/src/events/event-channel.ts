/** The Redis pub/sub channel a tenant's committed events are published on. */
export const eventChannel = (tenantId: string): string => `cadenza:events:${tenantId}`;

/** The tenant a channel name belongs to, or null for a channel that is not an event channel. */
export function tenantOfChannel(channel: string): string | null {
  return channel.startsWith('cadenza:events:') ? channel.slice('cadenza:events:'.length) || null : null;
}
