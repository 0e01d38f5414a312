import { z } from 'zod';

/** DATABASE_URL, declared once: the API, the worker, the launcher and the SMTP sink all read this one field. */
export const databaseUrlVar = z.string().url().describe('PostgreSQL connection URL');

/** The platform's PostgreSQL, as the API and the worker read it. */
export const DatabaseEnvSchema = z.object({ DATABASE_URL: databaseUrlVar });
