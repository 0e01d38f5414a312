import type { ContactSnapshot } from './contact-snapshot';

/**
 * The value at a dotted field path such as "lifecycleStage" or "custom.industry", or
 * undefined when any part is missing. Only own properties count, so a path like
 * "constructor" cannot reach into the object prototype.
 */
export function readContactField(snapshot: ContactSnapshot, path: string): unknown {
  return readPath(snapshot.fields, path.split('.'));
}

/** Walks own properties of plain objects; shared with template rendering of step outputs. */
export function readPath(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, segment)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The contact's own timezone field when it holds text; validity is the caller's concern. */
export function contactTimezone(snapshot: ContactSnapshot): string | null {
  const value = snapshot.fields.timezone;
  return typeof value === 'string' && value !== '' ? value : null;
}
