import { parseEnv } from '@cadenza/core';
import { z } from 'zod';
import { runMigrations } from './migrate';

const config = parseEnv(
  'migrate',
  z.object({ DATABASE_URL: z.string().url().describe('PostgreSQL connection URL to migrate') }),
);

runMigrations(config.DATABASE_URL).then(
  (applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date'),
  (error: unknown) => {
    console.error('migration failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
