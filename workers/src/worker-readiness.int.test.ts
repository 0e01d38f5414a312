import { randomUUID } from 'node:crypto';
import { startHarnessWorker, type WorkerProcess } from '@cadenza/test-harness/worker-process';
import { waitUntil } from '../../scripts/services/wait-until';

/**
 * The production worker process answers the chart's readiness probe (GET /ready on the metrics
 * port) with 200 once it polls its task queue on the real Temporal server, and never before.
 */
describe('the worker readiness probe', () => {
  let worker: WorkerProcess | undefined;

  afterAll(async () => {
    worker?.kill();
    await worker?.exited;
  });

  it('answers 200 once the worker polls its task queue, and only 503 before', async () => {
    worker = await startHarnessWorker(`worker-readiness-${randomUUID()}`);
    const url = `http://127.0.0.1:${worker.metricsPort}`;
    const answers: number[] = [];
    const status = await waitUntil(
      '/ready of the worker',
      async () => {
        const response = await fetch(`${url}/ready`);
        answers.push(response.status);
        return response.status === 200 ? response.json() : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 100 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker!.output().slice(-2000)}`);
    });

    expect(status).toEqual({ status: 'ready' });
    // Whatever the probe saw before the worker polled was "not ready", never an error.
    expect(answers.filter((code) => code !== 200 && code !== 503)).toEqual([]);
    await worker.ready; // the worker's own log line agrees
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
