import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { LIMITS } from '@cadenza/core';
import type { DataSource } from '@cadenza/activities/data';
import { connectTestDb, createTenantWithKey } from '../../../scripts/test-harness/integration';
import { requireService } from '../../../scripts/test-harness/service-env';
import { createApp } from '../app';
import { apiConfigSchema } from '../config';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Issue 19 §3: requests that blocked the event loop for seconds or broke the API with a 500.
 * Each limit answers a 4xx naming it, the worst bodies within the limits are validated in
 * linear time, and /ready keeps answering while they are.
 */
describe('request limits', () => {
  let db: DataSource;
  let connection: Connection;
  let redis: Redis;
  let server: Server;
  let baseUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    db = await connectTestDb();
    connection = await Connection.connect({ address: requireService('temporal') });
    redis = new Redis(requireService('redis'), { maxRetriesPerRequest: 1 });
    const config = apiConfigSchema.parse({
      DATABASE_URL: requireService('postgres'),
      REDIS_URL: requireService('redis'),
    });
    const app = createApp({ config, db, redis, temporal: new Client({ connection }) });
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ apiKey } = await createTenantWithKey(db, 'Request limits'));
  });

  afterAll(async () => {
    server?.close();
    redis?.disconnect();
    await connection?.close();
    await db?.destroy();
  });

  const post = async (path: string, body: unknown) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as any) : undefined,
      ms: performance.now() - started,
    };
  };

  const at = { x: 0, y: 0 };
  const trigger = { id: 'start', type: 'manual', position: at, settings: {} };
  const task = (id: string) => ({ id, type: 'create_task', position: at, settings: { title: `Task ${id}` } });
  const chain = (length: number) => {
    const ids = Array.from({ length }, (_, i) => `n${i}`);
    return {
      trigger,
      settings: {},
      nodes: ids.map(task),
      edges: ids.map((id, i) => ({ from: i === 0 ? 'start' : ids[i - 1]!, to: id })),
    };
  };
  const duplicateEdges = (count: number) => ({
    trigger,
    settings: {},
    nodes: [task('a'), task('b')],
    edges: [{ from: 'start', to: 'a' }, ...Array.from({ length: count }, () => ({ from: 'a', to: 'b' }))],
  });
  const deepJson = (depth: number) =>
    `{"name":"Deep","kind":"sequence","draft":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it('refuses 30,000 duplicate edges quickly, naming the edge limit', async () => {
    const answer = await post('/flows/validate', { definition: duplicateEdges(30_000) });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      code: 'limit_exceeded',
      message: `a flow may have at most ${LIMITS.maxFlowEdges} edges (this one has 30001)`,
      details: { limit: 'maxFlowEdges', max: LIMITS.maxFlowEdges, actual: 30_001 },
    });
    expect(answer.ms).toBeLessThan(2_000);
  });

  it('refuses 7,000-node and 5,000-node chains on validate and save, naming the node limit', async () => {
    const validated = await post('/flows/validate', { definition: chain(7_000) });
    expect(validated.status).toBe(413);
    expect(validated.body.message).toBe(`a flow may have at most ${LIMITS.maxFlowNodes} nodes (this one has 7000)`);
    const saved = await post('/flows', { name: 'Long chain', kind: 'sequence', draft: chain(5_000) });
    expect(saved.status).toBe(413);
    expect(saved.body).toMatchObject({ code: 'limit_exceeded', details: { limit: 'maxFlowNodes', actual: 5_000 } });
  });

  it('validates and saves a chain at the node limit', async () => {
    const validated = await post('/flows/validate', { definition: chain(LIMITS.maxFlowNodes) });
    expect(validated).toMatchObject({ status: 200, body: { ok: true } });
    const saved = await post('/flows', { name: 'Longest chain', kind: 'sequence', draft: chain(LIMITS.maxFlowNodes) });
    expect(saved.status).toBe(201);
  });

  it('refuses a 10,000-deep JSON draft before parsing it, naming the depth limit', async () => {
    const answer = await post('/flows', deepJson(10_000));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      code: 'limit_exceeded',
      message: `a JSON body may nest objects and arrays at most ${LIMITS.maxJsonDepth} deep (this one nests 10001 deep)`,
      details: { limit: 'maxJsonDepth' },
    });
    // Depth at the limit is parsed and validated as usual (an array is no flow definition).
    const shallow = await post('/flows', deepJson(LIMITS.maxJsonDepth - 1));
    expect(shallow.status).toBe(400);
    expect(shallow.body.code).toBe('invalid_flow');
  });

  it('refuses a body over the size limit, naming it', async () => {
    const answer = await post('/flows/validate', { definition: { padding: 'x'.repeat(LIMITS.maxRequestBodyBytes) } });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'body_too_large', details: { max: LIMITS.maxRequestBodyBytes } });
    expect(answer.body.message).toContain(`at most ${LIMITS.maxRequestBodyBytes} bytes`);
  });

  it('keeps /ready under 100 ms while worst-case validations run', async () => {
    // The attack (30,000 duplicate edges: 7-9 s of blocked event loop before the fix) and the
    // largest definition the limits let through (every node and edge, the extra edges all duplicates),
    // sent one after the other, again and again, while /ready is asked.
    const attack = JSON.stringify({ definition: duplicateEdges(30_000) });
    const largest = JSON.stringify({
      definition: {
        ...chain(LIMITS.maxFlowNodes),
        edges: [
          ...chain(LIMITS.maxFlowNodes).edges,
          ...duplicateEdges(LIMITS.maxFlowEdges - LIMITS.maxFlowNodes - 1).edges,
        ],
      },
    });
    // Once before measuring: the first run of each schema includes the JIT compiling it.
    expect((await post('/flows/validate', largest)).status).toBe(200);
    let validating = true;
    const statuses: number[] = [];
    const validateRepeatedly = async () => {
      for (let i = 0; validating; i++) statuses.push((await post('/flows/validate', i % 2 ? largest : attack)).status);
    };
    const running = validateRepeatedly();
    const readyTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const ready = await fetch(`${baseUrl}/ready`);
      readyTimes.push(performance.now() - started);
      expect(ready.status).toBe(200);
    }
    validating = false;
    await running;
    expect(new Set(statuses)).toEqual(new Set([413, 200]));
    expect(readyTimes.every((ms) => ms < 100)).toEqual(true);
  });
});
