import { parseEgressAllowList } from './egress-allow-list';
import { literalUrlEgressRefusal } from './egress-url';

describe('literalUrlEgressRefusal', () => {
  it.each([
    ['http://127.0.0.1:8233/api/v1/namespaces/default/workflows', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://localhost/metrics', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://10.0.0.5/{{contact.id}}', 'private'],
  ])('refuses %s as %s', (url, rule) => {
    expect(literalUrlEgressRefusal(url, [])?.rule).toBe(rule);
  });

  it.each([
    'https://hooks.example.com/x',
    'https://{{contact.website}}/hook',
    'http://{{steps.a.host}}:8080/',
    'not a url',
  ])('leaves %s to the runtime guard', (url) => {
    expect(literalUrlEgressRefusal(url, [])).toBeNull();
  });

  it('honours the allow list with the default port', () => {
    expect(literalUrlEgressRefusal('http://127.0.0.1/', parseEgressAllowList('127.0.0.1:80'))).toBeNull();
    expect(literalUrlEgressRefusal('https://127.0.0.1/', parseEgressAllowList('127.0.0.1:80'))?.rule).toBe('loopback');
  });
});
