import { loadWorkerConfig } from './config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/cadenza' };

describe('worker config: the egress allow list', () => {
  it('stops the boot on a bad CADENZA_EGRESS_ALLOW entry, naming it', () => {
    expect(() => loadWorkerConfig({ ...base, CADENZA_EGRESS_ALLOW: '127.0.0.1:2525,smtp internal' })).toThrow(
      /CADENZA_EGRESS_ALLOW: egress allow entry "smtp internal" is not a valid host name/,
    );
  });

  it('takes CIDRs and host names with ports, and none by default', () => {
    expect(loadWorkerConfig(base).CADENZA_EGRESS_ALLOW).toBe('');
    expect(
      loadWorkerConfig({ ...base, CADENZA_EGRESS_ALLOW: '10.0.0.0/8,smtp.internal:587' }).CADENZA_EGRESS_ALLOW,
    ).toBe('10.0.0.0/8,smtp.internal:587');
  });
});
