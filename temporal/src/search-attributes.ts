import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { RUN_SEARCH_ATTRIBUTES, type RunSearchAttributeName } from '@cadenza/core';

const { IndexedValueType } = temporal.api.enums.v1;

/** The run search attributes a namespace still lacks, given the ones it has. */
export function missingSearchAttributes(existing: Record<string, unknown>): RunSearchAttributeName[] {
  return (Object.keys(RUN_SEARCH_ATTRIBUTES) as RunSearchAttributeName[]).filter((name) => !(name in existing));
}

/**
 * Registers Cadenza's custom search attributes on a namespace. Idempotent: attributes
 * that already exist are left alone. Returns the names it added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = missingSearchAttributes(customAttributes ?? {});
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((name) => [name, IndexedValueType[`INDEXED_VALUE_TYPE_${RUN_SEARCH_ATTRIBUTES[name]}`]]),
    ),
  });
  return missing;
}
