import nodemailer from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import type { EgressGuard } from '../net';

export interface SmtpServer {
  host: string;
  port: number;
  secure: boolean;
  user?: string | null;
  password?: string | null;
  /** The local sink speaks plain SMTP; real servers upgrade with STARTTLS when offered. */
  plain?: boolean;
}

/**
 * Sends prepared RFC 5322 bytes over SMTP. A 5xx reply is permanent (bad recipient,
 * refused sender): the step fails without retrying, with the server's words. A 4xx reply
 * or a connection problem is temporary and retried.
 */
export async function sendOverSmtp(
  server: SmtpServer,
  envelope: { from: string; to: string },
  raw: string,
  egress: EgressGuard,
): Promise<{ response: string }> {
  // Resolved and checked once, outside the try: a refusal is non-retryable, not "ProviderUnavailable".
  const endpoint = await egress.resolve(server.host, server.port);
  const transport = nodemailer.createTransport({
    // The checked address, so nodemailer cannot resolve the name again to something else;
    // TLS still verifies the certificate against the name.
    host: endpoint.address,
    ...(endpoint.servername ? { tls: { servername: endpoint.servername } } : {}),
    port: server.port,
    secure: server.secure,
    ignoreTLS: server.plain ?? false,
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
    return { response: String(info.response ?? '') };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const message = `SMTP ${server.host}:${server.port} ${code ? `answered ${code}` : 'failed'}: ${(error as Error).message}`;
    if (code && code >= 500) throw ApplicationFailure.create({ message, type: 'ProviderRejected', nonRetryable: true });
    throw ApplicationFailure.create({ message, type: 'ProviderUnavailable', nonRetryable: false });
  } finally {
    transport.close();
  }
}
