import { parseEgressAllowList } from './egress-allow-list';
import { egressRefusalFor, isLocalName, literalEgressRefusal } from './egress-policy';
import { parseIpAddress, type IpAddress } from './ip-address';

const ip = (text: string) => parseIpAddress(text) as IpAddress;

describe('egressRefusalFor', () => {
  it('names the rule and the address', () => {
    expect(egressRefusalFor({ host: '127.0.0.1', address: ip('127.0.0.1'), port: 80 }, [])).toEqual({
      rule: 'loopback',
      message: 'egress refused: 127.0.0.1 is a loopback address',
    });
    expect(egressRefusalFor({ host: 'evil.example', address: ip('169.254.169.254'), port: 80 }, [])?.message).toBe(
      'egress refused: evil.example resolves to 169.254.169.254, a link-local address',
    );
  });

  it('lets public addresses and allow-listed ones through', () => {
    expect(egressRefusalFor({ host: 'example.com', address: ip('93.184.215.14'), port: 443 }, [])).toBeNull();
    const allow = parseEgressAllowList('127.0.0.1:2525');
    expect(egressRefusalFor({ host: '127.0.0.1', address: ip('127.0.0.1'), port: 2525 }, allow)).toBeNull();
    expect(egressRefusalFor({ host: '127.0.0.1', address: ip('127.0.0.1'), port: 25 }, allow)?.rule).toBe('loopback');
  });
});

describe('literalEgressRefusal', () => {
  it.each([
    '127.0.0.1',
    '2130706433',
    '0x7f.1',
    '[::1]',
    '::ffff:127.0.0.1',
    'localhost',
    'api.localhost',
    '169.254.169.254',
  ])('refuses %s before any lookup', (host) => {
    expect(literalEgressRefusal(host, 80, []).refusal?.rule).toMatch(/loopback|link-local/);
  });

  it('leaves ordinary names to the resolver', () => {
    expect(literalEgressRefusal('hooks.slack.com', 443, [])).toEqual({ refusal: null, address: null });
  });

  it('knows localhost names', () => {
    expect(isLocalName('LOCALHOST.')).toBe(true);
    expect(isLocalName('notlocalhost.com')).toBe(false);
  });
});
