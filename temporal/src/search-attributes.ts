import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { RUN_SEARCH_ATTRIBUTES, type RunSearchAttributeName } from '@cadenza/core';

const { IndexedValueType } = temporal.api.enums.v1;

/** The run search attributes a namespace still lacks, given the ones it has. */
export function missingSearchAttributes(existing: Record<string, unknown>): RunSearchAttributeName[] {
  return (Object.keys(RUN_SEARCH_ATTRIBUTES) as RunSearchAttributeName[]).filter((name) => !(name in existing));
}

const GRPC_UNIMPLEMENTED = 12;

/**
 * The namespace's custom attributes. The time-skipping test server cannot list them (but
 * can add them), so there an empty list stands for "register everything".
 */
async function listCustomAttributes(connection: Connection, namespace: string): Promise<Record<string, unknown>> {
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return customAttributes ?? {};
  } catch (error) {
    if ((error as { code?: number }).code === GRPC_UNIMPLEMENTED) return {};
    throw error;
  }
}

/**
 * Registers Cadenza's custom search attributes on a namespace. Idempotent: attributes
 * that already exist are left alone. Returns the names it added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const missing = missingSearchAttributes(await listCustomAttributes(connection, namespace));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((name) => [name, IndexedValueType[`INDEXED_VALUE_TYPE_${RUN_SEARCH_ATTRIBUTES[name]}`]]),
    ),
  });
  return missing;
}
