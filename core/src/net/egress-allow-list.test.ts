import { describeEgressAllowEntry, egressAllowEntryFor, parseEgressAllowList } from './egress-allow-list';
import { parseIpAddress, type IpAddress } from './ip-address';

const ip = (text: string) => parseIpAddress(text) as IpAddress;

describe('parseEgressAllowList', () => {
  it('reads blocks, addresses and host names, each with an optional port', () => {
    const list = parseEgressAllowList(
      ' 127.0.0.1:2525, 10.0.0.0/8,smtp.internal:587,[::1]:2525,fd00::/8,[fd00::/8]:25 ',
    );
    expect(list.map(describeEgressAllowEntry)).toEqual([
      '127.0.0.1/32:2525',
      '10.0.0.0/8',
      'smtp.internal:587',
      '::1/128:2525',
      'fd00::/8',
      'fd00::/8:25',
    ]);
  });

  it('is empty when blank', () => {
    expect(parseEgressAllowList(undefined)).toEqual([]);
    expect(parseEgressAllowList('  ')).toEqual([]);
  });

  it.each([
    ['10.0.0.0/33', 'egress allow entry "10.0.0.0/33" is not a valid CIDR block'],
    ['127.0.0.1:99999', 'egress allow entry "127.0.0.1:99999" has a bad port "99999"'],
    ['smtp.internal:', 'has a bad port ""'],
    ['bad host!', 'egress allow entry "bad host!" is not a valid host name'],
    ['300.1.1.1', 'is not a valid host name, address or CIDR block'],
    ['[::1', 'has no closing "]"'],
    ['a,,b', 'egress allow entry "" is empty'],
  ])('names the bad entry %j', (text, message) => {
    expect(() => parseEgressAllowList(text)).toThrow(message);
  });
});

describe('egressAllowEntryFor', () => {
  const list = parseEgressAllowList('127.0.0.1:2525,10.0.0.0/8,smtp.internal:587');

  it('matches a block by address and port', () => {
    expect(egressAllowEntryFor(list, { host: '127.0.0.1', address: ip('127.0.0.1'), port: 2525 })).toBeDefined();
    expect(egressAllowEntryFor(list, { host: '127.0.0.1', address: ip('127.0.0.1'), port: 8233 })).toBeUndefined();
    expect(egressAllowEntryFor(list, { host: 'db', address: ip('10.9.9.9'), port: 5432 })).toBeDefined();
  });

  it('matches a host name whatever it resolves to, on its port only', () => {
    expect(egressAllowEntryFor(list, { host: 'SMTP.internal.', address: ip('192.168.0.5'), port: 587 })).toBeDefined();
    expect(egressAllowEntryFor(list, { host: 'smtp.internal', address: ip('192.168.0.5'), port: 25 })).toBeUndefined();
  });
});
