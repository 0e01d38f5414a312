import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from '@cadenza/data';
import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { setSlackSettings, setTwilioSettings } from '@cadenza/data';
import { createMessagingService } from './messaging-service';
import { loadMessagingSettings } from './messaging-settings';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';

const ENV_SID = `AC${'e'.repeat(32)}`;
const OWN_SID = `AC${'a'.repeat(32)}`;

/**
 * Which account a send uses: the workspace's own when set, else the one in the server's
 * environment. Real PostgreSQL; Twilio and Slack as one local server speaking both formats.
 */
describe('SMS and Slack provider choice', () => {
  let db: DataSource;
  const seen: Array<{ url: string; auth: string | undefined }> = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      if (req.url?.startsWith('/2010-04-01/')) res.writeHead(201).end('{"sid":"SM1"}');
      else res.writeHead(200).end('ok');
    });
  });
  let service: ReturnType<typeof createMessagingService>;
  const secretKey = randomBytes(32);

  beforeAll(async () => {
    db = await connectTestDb();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    allowEgressTo((server.address() as AddressInfo).port);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings = loadMessagingSettings({
      CADENZA_SECRET_KEY: secretKey.toString('hex'),
      TWILIO_BASE_URL: base,
      TWILIO_ACCOUNT_SID: ENV_SID,
      TWILIO_AUTH_TOKEN: 'env-token',
      TWILIO_FROM: '+15550000000',
      SLACK_WEBHOOK_URL: `${base}/env-hook`,
    });
    service = createMessagingService({ db, settings, egress: harnessEgress });
  });
  afterAll(async () => {
    service.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.destroy();
  });
  beforeEach(() => (seen.length = 0));

  const send = (tenantId: string) =>
    db.transaction(async (manager) => {
      const origin = { tenantId, enrollmentId: null, contactId: null };
      const sms = await service.sendSms(manager, { ...origin, idempotencyKey: randomUUID(), to: '+15551', body: 'x' });
      const note = await service.postSlack(manager, {
        ...origin,
        idempotencyKey: randomUUID(),
        channel: '#c',
        text: 'y',
      });
      return [sms.provider, note.provider];
    });

  it("uses the environment's accounts for a workspace without its own", async () => {
    const { tenantId } = await createTenantWithKey(db, 'Env providers');
    expect(await send(tenantId)).toEqual(['twilio', 'slack']);
    expect(seen).toEqual([
      {
        url: `/2010-04-01/Accounts/${ENV_SID}/Messages.json`,
        auth: `Basic ${Buffer.from(`${ENV_SID}:env-token`).toString('base64')}`,
      },
      { url: '/env-hook', auth: undefined },
    ]);
  });

  it("uses the workspace's own accounts when it has them", async () => {
    const { tenantId } = await createTenantWithKey(db, 'Own providers');
    await setTwilioSettings(db, secretKey, tenantId, { accountSid: OWN_SID, authToken: 'own-token', from: '+1555' });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await setSlackSettings(db, secretKey, tenantId, { webhookUrl: `${base}/own-hook` });
    expect(await send(tenantId)).toEqual(['twilio', 'slack']);
    expect(seen.map((request) => request.url)).toEqual([`/2010-04-01/Accounts/${OWN_SID}/Messages.json`, '/own-hook']);
    expect(seen[0]!.auth).toBe(`Basic ${Buffer.from(`${OWN_SID}:own-token`).toString('base64')}`);
  });
});
