import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a well-formed caller id', () => {
    expect(requestIdFrom('abc-123.x:y')).toBe('abc-123.x:y');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it('replaces a missing, oversized or unprintable id with a UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(requestIdFrom(undefined)).toMatch(uuid);
    expect(requestIdFrom('x'.repeat(129))).toMatch(uuid);
    expect(requestIdFrom('bad\nline')).toMatch(uuid);
  });
});
