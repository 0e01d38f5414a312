import { randomBytes, randomUUID } from 'node:crypto';
import { addTracking, unsubscribeUrl } from './tracking-html';
import { verifyTrackingToken } from './tracking-token';

const secret = randomBytes(32);
const messageId = randomUUID();
const options = { secret, baseUrl: 'https://app.test/', messageId, opens: true, clicks: true };

describe('addTracking', () => {
  it('routes each http link through a signed click token naming that exact URL', () => {
    const html = addTracking(
      '<p><a href="https://shop.test/a?x=1&amp;y=2">Shop</a> <a href="mailto:a@b.c">mail</a></p>',
      {
        ...options,
        opens: false,
      },
    );
    const href = /href="https:\/\/app\.test\/api\/v1\/t\/c\/([^"]+)"/.exec(html)?.[1];
    expect(verifyTrackingToken(secret, href!, 'c')).toEqual({ k: 'c', m: messageId, u: 'https://shop.test/a?x=1&y=2' });
    expect(html).toContain('href="mailto:a@b.c"');
  });

  it('adds one open pixel before </body>, or at the end', () => {
    const html = addTracking('<html><body>Hi</body></html>', { ...options, clicks: false });
    expect(html).toMatch(/Hi<img src="https:\/\/app\.test\/api\/v1\/t\/o\/[^"]+\.gif"[^>]*><\/body>/);
    expect(addTracking('Hi', { ...options, clicks: false })).toMatch(/^Hi<img /);
    expect(addTracking('Hi', { ...options, clicks: false, opens: false })).toBe('Hi');
  });

  it('makes a signed unsubscribe link', () => {
    const url = unsubscribeUrl(secret, 'https://app.test', messageId);
    const token = url.split('/').pop()!;
    expect(verifyTrackingToken(secret, token, 'u')).toEqual({ k: 'u', m: messageId });
  });
});
