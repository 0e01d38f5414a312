/** The fields that differ between two versions of a record, each side holding only those. */
export interface FieldChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two views of a record field by field (top level; a nested object that changed is
 * kept whole). `ignore` drops fields that change on their own (timestamps, health).
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = [],
): FieldChange {
  const change: FieldChange = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key) || same(before[key], after[key])) continue;
    change.before[key] = before[key] ?? null;
    change.after[key] = after[key] ?? null;
  }
  return change;
}

/**
 * Marks secrets that were replaced without recording them: the entry says the field changed,
 * never its old or new value.
 */
export function withReplacedSecrets(change: FieldChange, replaced: Record<string, boolean>): FieldChange {
  const names = Object.keys(replaced).filter((name) => replaced[name]);
  if (names.length === 0) return change;
  return {
    before: { ...change.before, ...Object.fromEntries(names.map((name) => [name, '(secret)'])) },
    after: { ...change.after, ...Object.fromEntries(names.map((name) => [name, '(replaced)'])) },
  };
}
