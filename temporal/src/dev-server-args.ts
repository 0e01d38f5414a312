export interface DevServerOptions {
  dbFile: string;
  ip: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** Where the Web UI asks to decode payloads (the API's codec server); the UI shows ciphertext without it. */
  uiCodecEndpoint?: string;
}

/**
 * Arguments for `temporal server start-dev` with a SQLite file, so runs survive a
 * restart. Search attributes are registered separately (ensureSearchAttributes),
 * because start-dev only registers them when it creates a new database file.
 */
export function devServerArgs(options: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--db-filename',
    options.dbFile,
    '--ip',
    options.ip,
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
}
