import { ImapFlow } from 'imapflow';
import type { SyncingMailbox } from '@cadenza/data';
import type { EgressGuard } from '../../net';

/**
 * Signs in to the mailbox's IMAP server. The host is resolved and checked by the egress guard
 * and the connection goes to the checked address; TLS still verifies the certificate against
 * the name. The caller owns the client: log out or close it whatever happens.
 */
export async function connectImap(mailbox: SyncingMailbox, egress: EgressGuard): Promise<ImapFlow> {
  const { host, port, secure, username, password } = mailbox.imap;
  const endpoint = await egress.resolve(host, port);
  const client = new ImapFlow({
    host: endpoint.address,
    port,
    secure,
    servername: endpoint.servername ?? undefined,
    auth: { user: username, pass: password ?? '' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  // A dropped connection emits 'error' outside any await; the next command fails instead.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
