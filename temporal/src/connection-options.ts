import { readFileSync } from 'node:fs';
import { ConfigError, type TemporalConnectionEnv } from '@cadenza/core';

/** The TLS part both `Connection` (client) and `NativeConnection` (worker) accept. */
export interface TemporalTlsOptions {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
}

export interface TemporalConnectionOptions {
  address: string;
  tls?: TemporalTlsOptions | true;
  apiKey?: string;
}

type ReadFile = (path: string) => Buffer;

/**
 * Builds the options of `Connection.connect/lazy` and `NativeConnection.connect`. A half-set
 * pair or an unreadable file fails here, at boot, with the variable named, instead of
 * surfacing later as an opaque gRPC handshake error.
 */
export function temporalConnectionOptions(
  processName: string,
  address: string,
  env: TemporalConnectionEnv,
  readFile: ReadFile = readFileSync,
): TemporalConnectionOptions {
  const problems = pairingProblems(env);
  if (problems.length) throw new ConfigError(processName, problems);

  const read = (variable: keyof TemporalConnectionEnv): Buffer | undefined => {
    const filePath = env[variable];
    if (!filePath) return undefined;
    try {
      return readFile(filePath);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError(processName, [`${variable}: cannot read ${filePath}: ${reason}`]);
    }
  };
  const crt = read('TEMPORAL_TLS_CERT_PATH');
  const key = read('TEMPORAL_TLS_KEY_PATH');
  const tls: TemporalTlsOptions = {
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(env.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: read('TEMPORAL_TLS_CA_PATH') } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
  };
  const hasTlsSettings = Object.keys(tls).length > 0;
  if (env.TEMPORAL_API_KEY) {
    // An API key travels as a bearer header, so TLS is mandatory with it.
    return { address, apiKey: env.TEMPORAL_API_KEY, tls: hasTlsSettings ? tls : true };
  }
  return hasTlsSettings ? { address, tls } : { address };
}

function pairingProblems(env: TemporalConnectionEnv): string[] {
  const problems: string[] = [];
  if (env.TEMPORAL_TLS_CERT_PATH && !env.TEMPORAL_TLS_KEY_PATH) {
    problems.push('TEMPORAL_TLS_KEY_PATH: required when TEMPORAL_TLS_CERT_PATH is set (mTLS needs both)');
  }
  if (env.TEMPORAL_TLS_KEY_PATH && !env.TEMPORAL_TLS_CERT_PATH) {
    problems.push('TEMPORAL_TLS_CERT_PATH: required when TEMPORAL_TLS_KEY_PATH is set (mTLS needs both)');
  }
  if (env.TEMPORAL_API_KEY && (env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_KEY_PATH)) {
    problems.push('TEMPORAL_API_KEY: set either an API key or an mTLS client certificate, not both');
  }
  return problems;
}
