import { inboundContent, storable, storableEntry } from './inbound-content';

describe('storable', () => {
  it('drops NUL and replaces lone surrogates, keeping real pairs', () => {
    expect(storable('a\u0000b')).toBe('ab');
    expect(storable('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(storable('emoji \uD83D\uDE00')).toBe('emoji \uD83D\uDE00');
    expect(() => JSON.parse(JSON.stringify(storable('\uDBFF')))).not.toThrow();
  });
});

describe('storableEntry', () => {
  it('bounds every header, keeping the end of References where the newest ids are', () => {
    const references = Array.from({ length: 5000 }, (_, i) => `<id-${i}@example.com>`).join(' ');
    const entry = storableEntry({
      uid: 1,
      size: 10,
      receivedAt: null,
      from: 'lead@example.com\u0000',
      subject: 'x'.repeat(5000),
      headers: new Map([
        ['references', references],
        ['x-long', 'y'.repeat(100_000)],
      ]),
    });
    expect(entry.from).toBe('lead@example.com');
    expect(entry.subject).toHaveLength(1000);
    expect(entry.headers.get('references')!.endsWith('<id-4999@example.com>')).toBe(true);
    expect(entry.headers.get('references')!.length).toBeLessThanOrEqual(32_000);
    expect(entry.headers.get('x-long')).toHaveLength(32_000);
  });
});

describe('inboundContent', () => {
  // A message as the shared import sees it, its source read from a stand-in inbox (uid 7).
  const on = (inbox: { source: (uid: number, maxBytes?: number) => Promise<Buffer> }, e: ReturnType<typeof entry>) => ({
    ...e,
    source: (maxBytes: number) => inbox.source(e.uid, maxBytes),
  });
  const entry = (headers: Record<string, string>) => ({
    uid: 7,
    size: 100,
    receivedAt: null,
    from: 'lead@example.com',
    subject: 'Re: hi',
    headers: new Map(Object.entries(headers)),
  });
  const inboxOf = (raw: string) => {
    const asked: Array<[number, number | undefined]> = [];
    return {
      asked,
      source: async (uid: number, maxBytes?: number) => {
        asked.push([uid, maxBytes]);
        return Buffer.from(raw);
      },
    };
  };

  it('downloads once, bounded, and hashes the email apart from its trace headers', async () => {
    const inbox = inboxOf('Received: from a\r\nFrom: lead@example.com\r\n\r\nSame words.\r\n');
    const content = inboundContent(on(inbox, entry({ 'message-id': '<m@x>', date: 'Tue, 2 Dec 2025' })));
    expect(await content.text()).toContain('Same words.');
    const hash = await content.hash();
    expect(inbox.asked).toEqual([[7, 2 * 1024 * 1024]]);
    const relayed = inboundContent(
      on(
        inboxOf('Received: from b\r\nReceived: from c\r\nFrom: lead@example.com\r\n\r\nSame words.\r\n'),
        entry({ 'message-id': '<m@x>', date: 'Tue, 2 Dec 2025' }),
      ),
    );
    expect(await relayed.hash()).toBe(hash);
    const other = inboundContent(
      on(
        inboxOf('From: lead@example.com\r\n\r\nOther words.\r\n'),
        entry({ 'message-id': '<m@x>', date: 'Tue, 2 Dec 2025' }),
      ),
    );
    expect(await other.hash()).not.toBe(hash);
  });

  it('reads the text of a message cut off in its attachment', async () => {
    const raw = [
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'See the attachment.',
      '--b',
      'Content-Type: application/octet-stream',
      'Content-Transfer-Encoding: base64',
      '',
      'QUJD'.repeat(1000),
    ].join('\r\n');
    const content = inboundContent(on(inboxOf(raw), entry({})));
    expect((await content.text()).trim()).toBe('See the attachment.');
  });
});
