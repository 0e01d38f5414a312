import { parseEgressAllowList } from '@cadenza/core';
import { launcherEgressAllow, loadLauncherConfig, portsToClaim, temporalSecurityEnv } from './launcher-config';

describe('launcher config', () => {
  it('claims every local service port by default', () => {
    const ports = portsToClaim(loadLauncherConfig({}));
    expect(ports.map((p) => [p.port, p.variable])).toEqual([
      [3000, 'PORT'],
      [7233, 'TEMPORAL_PORT'],
      [8233, 'TEMPORAL_UI_PORT'],
      [5433, 'CADENZA_PG_PORT'],
      [6380, 'CADENZA_REDIS_PORT'],
      [2525, 'SMTP_SINK_PORT'],
      [1143, 'CADENZA_IMAP_PORT'],
    ]);
  });

  it('claims no port for a service given by URL', () => {
    const config = loadLauncherConfig({
      TEMPORAL_ADDRESS: 'temporal:7233',
      DATABASE_URL: 'postgres://db/cadenza',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(portsToClaim(config).map((p) => p.variable)).toEqual(['PORT', 'SMTP_SINK_PORT', 'CADENZA_IMAP_PORT']);
  });

  it("allows egress to exactly the SMTP sink and the local IMAP server, on their ports, plus the operator's entries", () => {
    expect(launcherEgressAllow(loadLauncherConfig({}))).toBe('127.0.0.1:2525,127.0.0.1:1143');
    const moved = loadLauncherConfig({
      SMTP_SINK_PORT: '2626',
      CADENZA_IMAP_PORT: '1144',
      CADENZA_EGRESS_ALLOW: 'smtp.internal:587',
    });
    expect(parseEgressAllowList(launcherEgressAllow(moved)).map((entry) => entry.text)).toEqual([
      '127.0.0.1:2626',
      '127.0.0.1:1144',
      'smtp.internal:587',
    ]);
    expect(() => loadLauncherConfig({ CADENZA_EGRESS_ALLOW: '127.0.0.1:0' })).toThrow(/CADENZA_EGRESS_ALLOW/);
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => loadLauncherConfig({ CADENZA_PG_PORT: 'abc' })).toThrow(/CADENZA_PG_PORT/);
  });

  it('seeds the demo unless CADENZA_SKIP_DEMO is set to a true value', () => {
    expect(loadLauncherConfig({}).CADENZA_SKIP_DEMO).toBe(false);
    expect(loadLauncherConfig({ CADENZA_SKIP_DEMO: '1' }).CADENZA_SKIP_DEMO).toBe(true);
    expect(loadLauncherConfig({ CADENZA_SKIP_DEMO: '0' }).CADENZA_SKIP_DEMO).toBe(false);
    expect(() => loadLauncherConfig({ CADENZA_SKIP_DEMO: 'maybe' })).toThrow(/CADENZA_SKIP_DEMO/);
  });
});

describe('temporalSecurityEnv', () => {
  it('hands on only the Temporal TLS / API key variables that are set', () => {
    const config = loadLauncherConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'secret',
      TEMPORAL_TLS_SERVER_NAME: 'ns.acct.tmprl.cloud',
    });
    expect(temporalSecurityEnv(config)).toEqual({
      TEMPORAL_API_KEY: 'secret',
      TEMPORAL_TLS_SERVER_NAME: 'ns.acct.tmprl.cloud',
    });
  });
});
