import { z } from 'zod';
import { appOrigins, appOriginsVar, originAllowed, sameHostOrigins } from './app-origins';

const schema = z.object({ APP_ORIGINS: appOriginsVar });
const base = { PORT: 3000, PUBLIC_BASE_URL: 'https://crm.example.com/' };

describe('app origins', () => {
  it('reads a comma-separated list, normalised as browsers send origins', () => {
    expect(schema.parse({ APP_ORIGINS: 'https://App.Example.com, http://localhost:8080/' }).APP_ORIGINS).toEqual([
      'https://app.example.com',
      'http://localhost:8080',
    ]);
    expect(schema.parse({ APP_ORIGINS: 'https://a.example.com:443' }).APP_ORIGINS).toEqual(['https://a.example.com']);
  });

  it('refuses entries that are not origins, naming each', () => {
    for (const bad of [
      '*',
      'example.com',
      'https://a.example.com/app',
      'ftp://a.example.com',
      'https://u:p@a.example.com',
    ]) {
      const result = schema.safeParse({ APP_ORIGINS: `https://ok.example.com,${bad}` });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(`"${bad}"`);
    }
  });

  it('defaults to the public address, plus the local app and Vite origins outside production', () => {
    expect([...appOrigins({ ...base, NODE_ENV: 'production' })]).toEqual(['https://crm.example.com']);
    expect(appOrigins({ ...base, NODE_ENV: 'development' })).toEqual(
      new Set([
        'https://crm.example.com',
        'http://localhost:3000',
        'http://127.0.0.1:3000',
        'http://localhost:5173',
        'http://127.0.0.1:5173',
      ]),
    );
    expect([...appOrigins({ ...base, NODE_ENV: 'development', APP_ORIGINS: ['https://x.example.com'] })]).toEqual([
      'https://x.example.com',
    ]);
  });

  it('lets listed origins and origin-less clients through, and nothing else', () => {
    const allowed = appOrigins({ ...base, NODE_ENV: 'production' });
    expect(originAllowed('https://crm.example.com', allowed)).toBe(true);
    expect(originAllowed(undefined, allowed)).toBe(true);
    for (const origin of [
      'https://evil.example.com',
      'http://crm.example.com',
      'https://crm.example.com.evil.io',
      'null',
      '',
    ]) {
      expect(originAllowed(origin, allowed)).toBe(false);
    }
  });

  it('falls back to the pages of the host the request went to', () => {
    const allowed = sameHostOrigins('127.0.0.1:4100');
    expect(originAllowed('http://127.0.0.1:4100', allowed)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4101', allowed)).toBe(false);
    expect(originAllowed('https://evil.example', allowed)).toBe(false);
    expect(sameHostOrigins(undefined).size).toBe(0);
  });
});
