import { formatIpAddress, parseIpAddress, parseIpv4, parseIpv6 } from './ip-address';

const v4 = (text: string) => {
  const address = parseIpv4(text);
  return address && formatIpAddress(address);
};

describe('parseIpv4', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['169.254.43518', '169.254.169.254'],
    ['0', '0.0.0.0'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0X7F.0.0.01', '127.0.0.1'],
  ])('reads %s as %s, as getaddrinfo would', (text, expected) => {
    expect(v4(text)).toBe(expected);
  });

  it.each(['example.com', '256.0.0.1', '1.2.3.4.5', '4294967296', '08.0.0.1', '1..2', '', '0x1g', '127.0.65536'])(
    'refuses %j',
    (text) => {
      expect(parseIpv4(text)).toBeNull();
    },
  );
});

describe('parseIpv6', () => {
  it.each([
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['::', '::'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['64:ff9b::169.254.169.254', '64:ff9b::a9fe:a9fe'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('reads %s as %s', (text, expected) => {
    const address = parseIpv6(text);
    expect(address && formatIpAddress(address)).toBe(expected);
  });

  it.each(['1:2:3', '::1::', '12345::', '1:2:3:4:5:6:7:8:9', '1.2.3.4::', 'example.com', ':::'])(
    'refuses %j',
    (text) => {
      expect(parseIpv6(text)).toBeNull();
    },
  );
});

describe('parseIpAddress', () => {
  it('takes either family and no host names', () => {
    expect(parseIpAddress('10.1.2.3')?.family).toBe(4);
    expect(parseIpAddress('[fd00::1]')?.family).toBe(6);
    expect(parseIpAddress('smtp.example.com')).toBeNull();
  });
});
