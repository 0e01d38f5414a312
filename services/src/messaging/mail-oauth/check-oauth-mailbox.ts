import { oauthMailbox } from '@cadenza/data';
import { MailApiError } from '../mail-api/api-call';
import { gmailProfile } from '../mail-api/gmail-api';
import { graphAccountAddress } from '../mail-api/graph-api';
import { mailboxAccess, MailboxAuthExpired, providerOf, type MailAccessDependencies } from './mailbox-access';
import { TokenEndpointError } from './token-endpoint';

/**
 * "Test" for a Gmail or Microsoft 365 mailbox: signs in with the stored tokens (refreshing them
 * when needed) and asks the API who the account is, sending nothing. A refusal is an answer.
 */
export async function checkOAuthMailbox(
  deps: MailAccessDependencies,
  target: { tenantId: string; mailboxId: string },
): Promise<{ ok: boolean; message: string }> {
  const mailbox = await oauthMailbox(deps.db, deps.secretKey, target.tenantId, target.mailboxId);
  if (!mailbox) return { ok: false, message: 'the mailbox is not connected: use Reconnect' };
  try {
    const provider = providerOf(deps.oauth, mailbox);
    const access = { baseUrl: provider.apiBaseUrl, fetch: deps.egress.fetch };
    const address = await mailboxAccess(deps, mailbox).run(async (accessToken) =>
      mailbox.kind === 'gmail'
        ? (await gmailProfile({ ...access, accessToken })).emailAddress
        : graphAccountAddress({ ...access, accessToken }),
    );
    return { ok: true, message: `signed in to ${provider.label} as ${address}` };
  } catch (error) {
    if (error instanceof MailboxAuthExpired || error instanceof MailApiError || error instanceof TokenEndpointError)
      return { ok: false, message: error.message };
    if (error instanceof TypeError) return { ok: false, message: `could not reach the provider: ${error.message}` };
    throw error;
  }
}
