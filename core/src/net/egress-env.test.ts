import { parseEnv } from '../env-config';
import { EgressEnvSchema } from './egress-env';

describe('CADENZA_EGRESS_ALLOW', () => {
  it('defaults to no exceptions', () => {
    expect(parseEnv('test', EgressEnvSchema, {}).CADENZA_EGRESS_ALLOW).toBe('');
  });

  it('stops the boot naming the bad entry', () => {
    expect(() => parseEnv('api', EgressEnvSchema, { CADENZA_EGRESS_ALLOW: '127.0.0.1:2525,10.0.0.0/40' })).toThrow(
      /CADENZA_EGRESS_ALLOW: egress allow entry "10.0.0.0\/40" is not a valid CIDR block/,
    );
  });
});
