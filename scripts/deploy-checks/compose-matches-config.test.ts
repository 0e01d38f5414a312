import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { z as zod } from 'zod';
import { loadMessagingSettings } from '@cadenza/services/messaging';
import { ApiConfigSchema } from '../../api/src/config';
import { AuthEnvSchema, loadAuthSettings } from '../../api/src/auth/auth-settings';
import { WorkerConfigSchema } from '../../workers/src/config';
import { SmtpSinkEnvSchema } from '../services/smtp-sink-env';

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, unknown> | string[];
}

const repoRoot = path.resolve(__dirname, '../..');
const compose = parse(readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };
const services = compose.services;

/** What the operator must set (`${VAR:?why}`): compose refuses to start without it. */
const operatorEnv: Record<string, string> = { CADENZA_SECRET_KEY: randomBytes(32).toString('hex') };

/**
 * What `docker compose up` hands a process when the operator sets only the mandatory variables:
 * `${VAR:-default}` becomes default, `${VAR:?why}` the operator's value; a blank is left out, as
 * parseEnv reads it (unset).
 */
const interpolated = (environment: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(environment)
      .map(([key, value]) => [
        key,
        String(value)
          .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, (_, fallback: string) => fallback)
          .replace(/\$\{([A-Z0-9_]+):\?[^}]*\}/g, (_, name: string) => {
            if (!(name in operatorEnv)) throw new Error(`the test sets no value for the mandatory ${name}`);
            return operatorEnv[name]!;
          }),
      ])
      .filter(([, value]) => value !== ''),
  );

// Each process reads its one config tree; the API also its sign-in settings, so its compose
// environment is checked against their union.
const ApiEnvSchema = zod.object({ ...ApiConfigSchema.shape, ...AuthEnvSchema.shape });
const WorkerEnvSchema = WorkerConfigSchema;

const requiredKeys = (schema: z.ZodObject) =>
  Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);

const containerPorts = (service: ComposeService) =>
  (service.ports ?? []).map((mapping) => Number(mapping.split(':').pop()));

describe.each([
  ['api', ApiEnvSchema],
  ['worker', WorkerEnvSchema],
] as const)('docker-compose %s service', (name, schema) => {
  const environment = interpolated(services[name]?.environment);

  it('sets only variables the process reads, and every required one', () => {
    expect(Object.keys(environment).filter((key) => !(key in schema.shape))).toEqual([]);
    expect(requiredKeys(schema).filter((key) => !(key in environment))).toEqual([]);
  });

  it('passes the process config schema', () => {
    const result = schema.safeParse(environment);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('points at services the compose file runs', () => {
    const hostOf = (url: string) => new URL(url).hostname;
    expect(Object.keys(services)).toContain(environment.TEMPORAL_ADDRESS?.split(':')[0]);
    expect(Object.keys(services)).toContain(hostOf(environment.DATABASE_URL ?? ''));
    if (environment.REDIS_URL) expect(Object.keys(services)).toContain(hostOf(environment.REDIS_URL));
  });
});

describe('docker-compose secrets', () => {
  const api = interpolated(services.api?.environment);
  const worker = interpolated(services.worker?.environment);

  it('has no key of its own: the operator must set CADENZA_SECRET_KEY', () => {
    // A fallback value would be a key published with the source, sealing nothing.
    for (const name of ['api', 'worker']) {
      expect(services[name]?.environment?.CADENZA_SECRET_KEY).toMatch(/^\$\{CADENZA_SECRET_KEY:\?[^}]+\}$/);
    }
  });

  it("boots the production-mode api and worker with the operator's key", () => {
    // The images set NODE_ENV=production, where a missing, malformed or published key stops both.
    expect(loadAuthSettings({ ...api, NODE_ENV: 'production' }).secretKey).toHaveLength(32);
    expect(loadMessagingSettings({ ...worker, NODE_ENV: 'production' }).secretKey).toHaveLength(32);
  });

  it('gives api and worker the same key, so the worker opens mailbox secrets the API sealed', () => {
    expect(loadMessagingSettings(worker).secretKey).toEqual(loadMessagingSettings(api).secretKey);
    expect(worker.CADENZA_SECRET_KEY).toBeDefined();
  });
});

describe('docker-compose stack', () => {
  it('runs every service of the architecture', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'temporal', 'temporal-ui', 'smtp-sink', 'api', 'worker', 'web']),
    );
  });

  it('publishes the ports the processes listen on', () => {
    const api = services.api!;
    const worker = services.worker!;
    expect(containerPorts(api)).toContain(ApiConfigSchema.parse(interpolated(api.environment)).PORT);
    expect(containerPorts(worker)).toContain(
      WorkerConfigSchema.parse(interpolated(worker.environment)).WORKER_METRICS_PORT,
    );
    expect(containerPorts(services.temporal!)).toContain(7233);
    expect(containerPorts(services['temporal-ui']!)).toContain(8080);
  });

  it('keeps Temporal on PostgreSQL with the credentials postgres is created with', () => {
    const temporal = services.temporal!.environment!;
    const postgres = services.postgres!.environment!;
    expect(temporal.DB).toMatch(/^postgres/);
    expect(temporal.POSTGRES_SEEDS).toBe('postgres');
    expect([temporal.POSTGRES_USER, temporal.POSTGRES_PWD]).toEqual([
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
    ]);
  });

  it('registers every run search attribute the code sets', async () => {
    const { RUN_SEARCH_ATTRIBUTES } = await import('@cadenza/core');
    const setup = JSON.stringify(services['temporal-setup']);
    for (const [attribute, kind] of Object.entries(RUN_SEARCH_ATTRIBUTES)) {
      expect(setup).toContain(`--name ${attribute} --type ${kind === 'INT' ? 'Int' : 'Keyword'}`);
    }
  });
});

describe('docker-compose SMTP sink', () => {
  const sink = services['smtp-sink'];
  const sinkEnv = interpolated(sink?.environment);
  const worker = interpolated(services.worker?.environment);

  it('runs the built-in sink from the API image, which contains its entry file', () => {
    expect(sink?.image).toBe(services.api?.image);
    const entry = sink?.command?.find((arg) => arg.endsWith('.ts'));
    expect(entry).toBe('scripts/services/smtp-sink-process.ts');
    // The image copies the sink's files by name: every relative import of the entry must be among them.
    const dockerfile = readFileSync(path.join(repoRoot, 'deploy/docker/api.Dockerfile'), 'utf8');
    const copied = dockerfile.match(/^COPY .*scripts\/services\/.*$/m)?.[0] ?? '';
    const localImports = [...readFileSync(path.join(repoRoot, entry!), 'utf8').matchAll(/from '\.\/([\w-]+)'/g)];
    for (const file of [entry!, ...localImports.map(([, name]) => `scripts/services/${name}.ts`)]) {
      expect(copied).toContain(file);
    }
  });

  it('passes the sink env schema, listens beyond loopback and stores into the stack database', () => {
    const parsed = SmtpSinkEnvSchema.parse(sinkEnv);
    expect(parsed.SMTP_SINK_HOST).toBe('0.0.0.0');
    expect(parsed.DATABASE_URL).toBe(worker.DATABASE_URL);
  });

  it("is where the worker's mail goes", () => {
    expect(loadMessagingSettings(worker).sink).toMatchObject({
      host: 'smtp-sink',
      port: SmtpSinkEnvSchema.parse(sinkEnv).SMTP_SINK_PORT,
    });
    expect(Object.keys(services.worker?.depends_on ?? {})).toContain('smtp-sink');
  });
});
