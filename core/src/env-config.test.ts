import { z } from 'zod';
import { ConfigError } from './errors';
import { describeEnv, parseEnv, portVar } from './env-config';

const schema = z.object({
  PORT: portVar.default(3000).describe('HTTP port'),
  DATABASE_URL: z.string().url().describe('PostgreSQL connection URL'),
});

describe('parseEnv', () => {
  it('applies defaults and coerces numbers', () => {
    expect(parseEnv('test', schema, { DATABASE_URL: 'postgres://x/y' })).toEqual({
      PORT: 3000,
      DATABASE_URL: 'postgres://x/y',
    });
    expect(parseEnv('test', schema, { DATABASE_URL: 'postgres://x/y', PORT: '8080' }).PORT).toBe(8080);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv('test', schema, { DATABASE_URL: 'postgres://x/y', PORT: '' }).PORT).toBe(3000);
  });

  it('names every bad variable with its description', () => {
    let caught: unknown;
    try {
      parseEnv('api', schema, { PORT: '70000' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toMatch(/^api: invalid configuration/);
    expect(message).toContain('PORT:');
    expect(message).toContain('(HTTP port)');
    expect(message).toContain('DATABASE_URL:');
    expect((caught as ConfigError).problems).toHaveLength(2);
  });
});

describe('describeEnv', () => {
  it('lists variables with their documentation', () => {
    expect(describeEnv(schema)).toEqual([
      { variable: 'PORT', description: 'HTTP port' },
      { variable: 'DATABASE_URL', description: 'PostgreSQL connection URL' },
    ]);
  });
});
