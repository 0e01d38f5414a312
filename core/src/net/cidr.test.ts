import { cidr, cidrContains, formatCidr, parseCidr } from './cidr';
import { parseIpAddress, type IpAddress } from './ip-address';

const ip = (text: string) => parseIpAddress(text) as IpAddress;

describe('CIDR blocks', () => {
  it('contains the addresses under its prefix only', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), ip('10.255.1.2'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), ip('11.0.0.0'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('8.8.8.8'))).toBe(true);
    expect(cidrContains(cidr('127.0.0.1'), ip('127.0.0.2'))).toBe(false);
    expect(cidrContains(cidr('fc00::/7'), ip('fd12::1'))).toBe(true);
    expect(cidrContains(cidr('fc00::/7'), ip('fe00::1'))).toBe(false);
  });

  it('never mixes families', () => {
    expect(cidrContains(cidr('::/0'), ip('127.0.0.1'))).toBe(false);
  });

  it('refuses prefixes longer than the address and non-addresses', () => {
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('::/129')).toBeNull();
    expect(parseCidr('10.0.0.0/x')).toBeNull();
    expect(parseCidr('example.com/8')).toBeNull();
    expect(formatCidr(cidr('10.0.0.0/8'))).toBe('10.0.0.0/8');
  });
});
