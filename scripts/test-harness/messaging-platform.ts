import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import type { SmtpSink } from '@cadenza/services/messaging';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from './integration';
import { startSinkEnv } from './sink-env';
import { flowOf } from './flow-fixtures';

export interface MessagingPlatform {
  platform: TestPlatform;
  sink: SmtpSink;
  tenant: { tenantId: string; apiKey: string };
  admin: Principal;
  stop: () => Promise<void>;
}

/**
 * The test platform with a real SMTP sink on a free port and a fresh tenant. The API and
 * worker of this process read messaging settings from the environment, so they are set
 * here (plus `env`) and restored by stop().
 */
export async function startMessagingPlatform(
  name: string,
  env: Record<string, string> = {},
  options: { deliverToImap?: boolean } = {},
): Promise<MessagingPlatform> {
  const { sink, close } = await startSinkEnv(env, options);
  const platform = await startTestPlatform(`${name}-${randomUUID()}`);
  const tenant = await createTenantWithKey(platform.db, name);
  return {
    platform,
    sink,
    tenant,
    admin: { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' },
    stop: async () => {
      await platform.stop();
      await close();
    },
  };
}

/** A sequence that sends one email, then waits up to three days for the reply and tags the contact. */
export const mailThenAwaitReply = (subject = 'Quick question', body = '<p>Hi</p>') =>
  flowOf(
    [
      { id: 'mail', type: 'send_email', settings: { subject, body } },
      {
        id: 'await',
        type: 'wait_for_event',
        settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
      },
      { id: 'replied', type: 'add_tag', settings: { tag: 'replied' } },
    ],
    [
      ['start', 'mail'],
      ['mail', 'await'],
      ['await', 'replied'],
    ],
  );
