import type { z } from 'zod';

/** One problem found by a schema, reduced to what a designer message needs. */
export type SchemaProblem = {
  path: PropertyKey[];
  /** The value is absent, as opposed to present but wrong. */
  missing: boolean;
  message: string;
};

/**
 * Turns zod issues into designer-sized problems. A union that matched no option reports
 * the errors of every option; we keep only the option the input most looks like (fewest
 * missing keys, then fewest errors), so "condition.value: expects a number" is shown rather
 * than "Invalid input".
 */
export function explainIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  prefix: PropertyKey[] = [],
): SchemaProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const value = valueAt(input, issue.path);
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const candidates = issue.errors.map((branch) => explainIssues(branch, value, path));
      return candidates.reduce((best, next) => (rank(next) < rank(best) ? next : best));
    }
    if (value === undefined) return [{ path, missing: true, message: 'is required' }];
    return [{ path, missing: false, message: issue.message.replace(/^Invalid input: /, '') }];
  });
}

function rank(problems: SchemaProblem[]): number {
  return problems.filter((p) => p.missing).length * 1000 + problems.length;
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** `["settings", "variants", 0, "weight"]` → `settings.variants[0].weight`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
