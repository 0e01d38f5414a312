import { metricsAccess, MetricsEnvSchema, metricsVerdict } from './metrics-access';

const token = 'a'.repeat(31) + 'Z';

describe('metrics access', () => {
  it('is open in development and test without a token, off in production', () => {
    expect(metricsAccess('development', undefined)).toEqual({ kind: 'open' });
    expect(metricsAccess('test', undefined)).toEqual({ kind: 'open' });
    expect(metricsAccess('production', undefined)).toEqual({ kind: 'off' });
    expect(metricsVerdict(metricsAccess('production', undefined), `Bearer ${token}`)).toBe('off');
  });

  it('asks for the bearer token whenever one is configured, in every mode', () => {
    for (const mode of ['development', 'production'] as const) {
      const access = metricsAccess(mode, token);
      expect(metricsVerdict(access, `Bearer ${token}`)).toBe('allow');
      expect(metricsVerdict(access, `bearer ${token}`)).toBe('allow');
      expect(metricsVerdict(access, undefined)).toBe('unauthorized');
      expect(metricsVerdict(access, `Bearer ${token.slice(0, -1)}`)).toBe('unauthorized');
      expect(metricsVerdict(access, `Bearer ${token}x`)).toBe('unauthorized');
      expect(metricsVerdict(access, token)).toBe('unauthorized');
    }
  });

  it('refuses a short token at boot, naming the variable', () => {
    expect(MetricsEnvSchema.safeParse({ METRICS_TOKEN: 'short' }).success).toBe(false);
    expect(MetricsEnvSchema.parse({ METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
  });
});
