import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { DataSource } from '@cadenza/data';
import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { suppressAddress } from '@cadenza/data';
import type { ActivityMetricsHooks } from '../activity-metrics-hooks';
import { countSends, UNKNOWN_PROVIDER } from './counted-messaging';
import { createMessagingService } from '@cadenza/services/messaging';
import { loadMessagingSettings } from '@cadenza/services/messaging';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';

/** A real messaging service over the test database: SMS to the outbox, Slack to a local failing webhook. */
describe('countSends', () => {
  let db: DataSource;
  let tenantId: string;
  const slack = createServer((_req, res) => res.writeHead(400).end('channel_not_found'));
  const counted: Array<{ channel: string; provider: string; status: string }> = [];
  const hooks: ActivityMetricsHooks = { messageSent: (labels) => counted.push(labels), llmTokens: () => undefined };
  let service: ReturnType<typeof countSends>;

  beforeAll(async () => {
    db = await connectTestDb();
    ({ tenantId } = await createTenantWithKey(db, 'Send metrics tenant'));
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
    allowEgressTo((slack.address() as AddressInfo).port);
    const settings = loadMessagingSettings({
      SLACK_WEBHOOK_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/hook`,
    });
    service = countSends(createMessagingService({ db, settings, egress: harnessEgress }), hooks);
  });
  afterAll(async () => {
    service.close();
    await new Promise<void>((resolve) => slack.close(() => resolve()));
    await db.destroy();
  });
  beforeEach(() => (counted.length = 0));

  const origin = () => ({ tenantId, idempotencyKey: randomUUID(), enrollmentId: null, contactId: null });

  it('counts a send once, not again when a retry finds its key used', async () => {
    const request = { ...origin(), to: '+15550001111', body: 'Hi' };
    await db.transaction((manager) => service.sendSms(manager, request));
    const again = await db.transaction((manager) => service.sendSms(manager, request));
    expect(again.performed).toBe(false);
    expect(counted).toEqual([{ channel: 'sms', provider: 'outbox', status: 'sent' }]);
  });

  it('counts a suppressed address as suppressed', async () => {
    await db.transaction((manager) => suppressAddress(manager, tenantId, '+15550002222', 'unsubscribed', null));
    await db.transaction((manager) => service.sendSms(manager, { ...origin(), to: '+15550002222', body: 'Hi' }));
    expect(counted).toEqual([{ channel: 'sms', provider: 'outbox', status: 'suppressed' }]);
  });

  it('counts a provider error as failed and rethrows it', async () => {
    await expect(
      db.transaction((manager) => service.postSlack(manager, { ...origin(), channel: '#sales', text: 'Deal won' })),
    ).rejects.toThrow(/channel_not_found/);
    expect(counted).toEqual([{ channel: 'slack', provider: UNKNOWN_PROVIDER, status: 'failed' }]);
  });
});
