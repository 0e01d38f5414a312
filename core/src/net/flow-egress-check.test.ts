import { HttpRequestSchema } from '../flow/kinds/schemas';
import { parseEgressAllowList } from './egress-allow-list';
import { flowEgressErrors } from './flow-egress-check';

const node = (id: string, url: string, headers: Record<string, string> = {}) =>
  HttpRequestSchema.parse({ id, type: 'http_request', position: { x: 0, y: 0 }, settings: { url, headers } });

describe('flowEgressErrors', () => {
  it('names the node whose URL is a refused literal', () => {
    const errors = flowEgressErrors(
      [node('ok', 'https://hooks.example.com/'), node('probe', 'http://2130706433:8233/')],
      [],
    );
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'invalid_setting',
        nodeId: 'probe',
        path: 'settings.url',
        message: expect.stringContaining('egress refused: 127.0.0.1 is a loopback address'),
      }),
    ]);
  });

  it('accepts what the allow list names', () => {
    expect(flowEgressErrors([node('hook', 'http://127.0.0.1:9000/x')], parseEgressAllowList('127.0.0.1:9000'))).toEqual(
      [],
    );
  });

  it('refuses header values with line breaks', () => {
    const errors = flowEgressErrors([node('h', 'https://example.com/', { 'X-Name': 'a\r\nX-Role: admin' })], []);
    expect(errors[0]).toMatchObject({ nodeId: 'h', path: 'settings.headers' });
  });
});
