import { z } from 'zod';
import { ConfigError } from './errors';

/**
 * Reads a process's environment through a zod object schema. Each schema field is an
 * environment variable; its `.describe()` text documents it (with units). A failure names
 * every bad variable at once, so a misconfigured process stops at boot, not at first use.
 */
export function parseEnv<S extends z.ZodObject>(
  processName: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(blanksRemoved);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.');
    const description = schema.shape[variable]?.description;
    return `${variable}: ${issue.message}${description ? ` (${description})` : ''}`;
  });
  throw new ConfigError(processName, problems);
}

/** Lists the variables of a config schema with their descriptions, for docs and --help. */
export function describeEnv(schema: z.ZodObject): Array<{ variable: string; description: string }> {
  return Object.entries(schema.shape).map(([variable, field]) => ({
    variable,
    description: (field as z.ZodType).description ?? '',
  }));
}

/** A TCP port number given as a string in the environment. */
export const portVar = z.coerce.number().int().min(1).max(65535);
