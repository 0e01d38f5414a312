import { summarizeReadiness } from './readiness';

const up = { ok: true, latencyMs: 1 };

describe('summarizeReadiness', () => {
  it('is ready only when every service is up', () => {
    expect(summarizeReadiness({ temporal: up, postgres: up, redis: up }).status).toBe('ready');
  });

  it('is degraded when any one service is down, and keeps its error', () => {
    const down = { ok: false, latencyMs: 2000, error: 'Redis did not answer within 2000 ms' };
    const report = summarizeReadiness({ temporal: up, postgres: up, redis: down });
    expect(report.status).toBe('degraded');
    expect(report.services.redis).toEqual(down);
  });
});
