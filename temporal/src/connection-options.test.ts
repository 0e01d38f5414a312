import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@cadenza/core';
import { temporalConnectionOptions } from './connection-options';

const ADDRESS = 'ns.acct.tmprl.cloud:7233';

describe('temporalConnectionOptions', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadenza-tls-'));
    fs.writeFileSync(path.join(dir, 'client.pem'), 'CERT');
    fs.writeFileSync(path.join(dir, 'client.key'), 'KEY');
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'CA');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is plaintext with only an address', () => {
    expect(temporalConnectionOptions('api', '127.0.0.1:7233', {})).toEqual({ address: '127.0.0.1:7233' });
  });

  it('reads the mTLS client pair, CA and server name', () => {
    const options = temporalConnectionOptions('worker', ADDRESS, {
      TEMPORAL_TLS_CERT_PATH: path.join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY_PATH: path.join(dir, 'client.key'),
      TEMPORAL_TLS_CA_PATH: path.join(dir, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(options.address).toBe(ADDRESS);
    expect(options.apiKey).toBeUndefined();
    const tls = options.tls as Exclude<typeof options.tls, true | undefined>;
    expect(tls.clientCertPair?.crt.toString()).toBe('CERT');
    expect(tls.clientCertPair?.key.toString()).toBe('KEY');
    expect(tls.serverRootCACertificate?.toString()).toBe('CA');
    expect(tls.serverNameOverride).toBe('temporal.internal');
  });

  it('turns TLS on with an API key', () => {
    expect(temporalConnectionOptions('api', ADDRESS, { TEMPORAL_API_KEY: 'secret' })).toEqual({
      address: ADDRESS,
      apiKey: 'secret',
      tls: true,
    });
  });

  it('keeps the server name with an API key', () => {
    const options = temporalConnectionOptions('api', ADDRESS, {
      TEMPORAL_API_KEY: 'secret',
      TEMPORAL_TLS_SERVER_NAME: 'x.tmprl.cloud',
    });
    expect(options.tls).toEqual({ serverNameOverride: 'x.tmprl.cloud' });
  });

  it('names the missing half of an mTLS pair', () => {
    const call = () =>
      temporalConnectionOptions('worker', ADDRESS, { TEMPORAL_TLS_CERT_PATH: path.join(dir, 'client.pem') });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/TEMPORAL_TLS_KEY_PATH: required/);
    expect(() =>
      temporalConnectionOptions('worker', ADDRESS, { TEMPORAL_TLS_KEY_PATH: path.join(dir, 'client.key') }),
    ).toThrow(/TEMPORAL_TLS_CERT_PATH: required/);
  });

  it('refuses an API key combined with a client certificate', () => {
    expect(() =>
      temporalConnectionOptions('api', ADDRESS, {
        TEMPORAL_API_KEY: 'secret',
        TEMPORAL_TLS_CERT_PATH: path.join(dir, 'client.pem'),
        TEMPORAL_TLS_KEY_PATH: path.join(dir, 'client.key'),
      }),
    ).toThrow(/TEMPORAL_API_KEY: set either/);
  });

  it('names the variable and path of an unreadable file', () => {
    const missing = path.join(dir, 'nope.pem');
    const call = () =>
      temporalConnectionOptions('worker', ADDRESS, {
        TEMPORAL_TLS_CERT_PATH: path.join(dir, 'client.pem'),
        TEMPORAL_TLS_KEY_PATH: missing,
      });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(`TEMPORAL_TLS_KEY_PATH: cannot read ${missing}`);
  });
});
