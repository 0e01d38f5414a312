import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWithSendgrid } from './sendgrid-send';
import { sendWithTwilio } from './twilio-send';
import { postToSlack } from './slack-send';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';

/** Local HTTP servers speaking the SendGrid, Twilio and Slack wire formats, errors and 429s included. */
describe('provider adapters', () => {
  let reply: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      reply(req, body, res);
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    allowEgressTo((server.address() as AddressInfo).port);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  const email = {
    from: { name: 'Ana', address: 'ana@acme.test' },
    to: 'bob@example.com',
    subject: 'Hi',
    html: '<p>Hi</p>',
    text: 'Hi',
    rfcMessageId: 'abc@acme.test',
    idempotencyKey: 'run:mail:1',
    unsubscribeUrl: 'https://app.test/u/x',
  };

  it('SendGrid: sends v3 mail with the key as custom arg and header; 400 is final, 429 retries', async () => {
    reply = (_req, _body, res) => res.writeHead(202, { 'x-message-id': 'sg-1' }).end();
    expect(await sendWithSendgrid(base, 'SG.key', email, harnessEgress.fetch)).toEqual({ providerMessageId: 'sg-1' });
    const sent = JSON.parse(seen[0]!.body);
    expect(seen[0]!.url).toBe('/v3/mail/send');
    expect(seen[0]!.headers.authorization).toBe('Bearer SG.key');
    expect(sent.custom_args).toEqual({ idempotency_key: 'run:mail:1', message_id: 'abc@acme.test' });
    expect(sent.headers['Message-ID']).toBe('<abc@acme.test>');

    reply = (_req, _body, res) =>
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          errors: [{ message: 'The from address does not match a verified Sender Identity', field: 'from' }],
        }),
      );
    await expect(sendWithSendgrid(base, 'SG.key', email, harnessEgress.fetch)).rejects.toMatchObject({
      nonRetryable: true,
      message: expect.stringContaining('from: The from address does not match'),
    });
    reply = (_req, _body, res) => res.writeHead(429, { 'retry-after': '3' }).end('{"errors":[{"message":"too many"}]}');
    await expect(sendWithSendgrid(base, 'SG.key', email, harnessEgress.fetch)).rejects.toMatchObject({
      nonRetryable: false,
      nextRetryDelay: '3 seconds',
    });
  });

  it("Twilio: posts the Messages form with the idempotency token; a 400 carries Twilio's message", async () => {
    const account = { baseUrl: base, accountSid: 'AC1', authToken: 'tok', from: '+15550001111' };
    reply = (_req, _body, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}');
    expect(
      await sendWithTwilio(account, { to: '+15552223333', body: 'Hi', idempotencyKey: 'k1' }, harnessEgress.fetch),
    ).toEqual({
      providerMessageId: 'SM1',
    });
    expect(seen[0]!.url).toBe('/2010-04-01/Accounts/AC1/Messages.json');
    expect(seen[0]!.headers['i-twilio-idempotency-token']).toBe('k1');
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      To: '+15552223333',
      Body: 'Hi',
      From: '+15550001111',
    });
    reply = (_req, _body, res) =>
      res.writeHead(400).end(JSON.stringify({ code: 21211, message: "The 'To' number is not valid.", status: 400 }));
    await expect(
      sendWithTwilio(account, { to: 'x', body: 'Hi', idempotencyKey: 'k2' }, harnessEgress.fetch),
    ).rejects.toMatchObject({
      nonRetryable: true,
      message: expect.stringContaining("The 'To' number is not valid."),
    });
    reply = (_req, _body, res) => res.writeHead(503).end('unavailable');
    await expect(
      sendWithTwilio(account, { to: 'x', body: 'Hi', idempotencyKey: 'k3' }, harnessEgress.fetch),
    ).rejects.toMatchObject({
      nonRetryable: false,
    });
  });

  it('Slack: posts the webhook JSON; plain-text errors are final, 429 retries', async () => {
    reply = (_req, _body, res) => res.writeHead(200).end('ok');
    await postToSlack(
      `${base}/services/T/B/X`,
      { channel: '#sales', text: 'New lead', idempotencyKey: 'k' },
      harnessEgress.fetch,
    );
    expect(JSON.parse(seen[0]!.body)).toEqual({ channel: '#sales', text: 'New lead' });
    reply = (_req, _body, res) => res.writeHead(404).end('channel_not_found');
    await expect(
      postToSlack(`${base}/x`, { channel: '#nope', text: 'x', idempotencyKey: 'k' }, harnessEgress.fetch),
    ).rejects.toMatchObject({
      nonRetryable: true,
      message: 'Slack answered 404: channel_not_found',
    });
    reply = (_req, _body, res) => res.writeHead(429, { 'retry-after': '30' }).end('rate_limited');
    await expect(
      postToSlack(`${base}/x`, { channel: '#s', text: 'x', idempotencyKey: 'k' }, harnessEgress.fetch),
    ).rejects.toMatchObject({
      nonRetryable: false,
      nextRetryDelay: '30 seconds',
    });
  });

  it('refuses an internal target before connecting, without retrying, naming the rule', async () => {
    let connections = 0;
    const internal = createServer((_req, res) => res.end('ok'));
    internal.on('connection', () => connections++);
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    const inside = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    const refusal = {
      nonRetryable: true,
      type: 'EgressRefused',
      message: 'egress refused: 127.0.0.1 is a loopback address',
    };
    try {
      await expect(
        postToSlack(`${inside}/hook`, { channel: '#s', text: 'x', idempotencyKey: 'k' }, harnessEgress.fetch),
      ).rejects.toMatchObject(refusal);
      await expect(sendWithSendgrid(inside, 'SG.key', email, harnessEgress.fetch)).rejects.toMatchObject(refusal);
      await expect(
        sendWithTwilio(
          { baseUrl: inside, accountSid: 'AC1', authToken: 't', from: '+15550001111' },
          { to: '+15552223333', body: 'Hi', idempotencyKey: 'k' },
          harnessEgress.fetch,
        ),
      ).rejects.toMatchObject(refusal);
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });
});
