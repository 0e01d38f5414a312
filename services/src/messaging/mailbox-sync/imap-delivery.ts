import { ImapFlow } from 'imapflow';

/** Hands an accepted email to each recipient's mailbox. */
export type DeliverToMailboxes = (recipients: string[], raw: string) => Promise<void>;

/**
 * Local delivery into the development IMAP server (Dovecot on loopback, where every address is a
 * mailbox signing in with one password): IMAP APPEND to each recipient's INBOX, as a mail server
 * delivering it would. Development infrastructure, configured by the launcher, not a flow's
 * outbound connection, so it does not go through the egress guard.
 */
export function imapDelivery(server: { host: string; port: number; password: string }): DeliverToMailboxes {
  return async (recipients, raw) => {
    for (const recipient of new Set(recipients.map((address) => address.toLowerCase()))) {
      const client = new ImapFlow({
        host: server.host,
        port: server.port,
        secure: false,
        auth: { user: recipient, pass: server.password },
        logger: false,
        connectionTimeout: 5000,
      });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout().catch(() => client.close());
      }
    }
  };
}
