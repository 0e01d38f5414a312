/**
 * Whose data key encrypts a Temporal payload. A flow run carries one contact's data (its record,
 * the AI's drafts and research about it), so its payloads get that contact's key and a GDPR erase
 * can destroy them all by destroying one key (crypto-shredding). Other tenant workflows (imports,
 * bulk enrollment, dispatchers, retraining) get the tenant's key; platform maintenance a platform key.
 */
export type PayloadKeyScope =
  | { kind: 'contact'; tenantId: string; contactId: string }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'platform' };

export const PLATFORM_KEY_SCOPE: PayloadKeyScope = { kind: 'platform' };

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** An id segment of a colon-separated workflow id. */
const SEGMENT = '[^:]+';

/**
 * The scope of each workflow id family, by the id builders in flow-records, crm-import, smoke-run,
 * messaging (mailbox sync), knowledge (indexing, query embedding), the API's lead-scoring routes and reply triage. The contact families come first: `flowtest:` must never fall
 * through to a tenant-wide key. Schedules append the tick's time and child pages `:page-N`, hence
 * prefixes rather than whole-id patterns. Tested against every builder in payload-key-scope.test.ts.
 */
const FAMILIES: ReadonlyArray<{ pattern: RegExp; scope: (m: RegExpMatchArray) => PayloadKeyScope }> = [
  {
    pattern: new RegExp(`^flow:(${SEGMENT}):${SEGMENT}:(${SEGMENT})$`),
    scope: (m) => ({ kind: 'contact', tenantId: m[1]!, contactId: m[2]! }),
  },
  {
    pattern: new RegExp(`^flowtest:(${SEGMENT}):${SEGMENT}:(${SEGMENT}):${SEGMENT}$`),
    scope: (m) => ({ kind: 'contact', tenantId: m[1]!, contactId: m[2]! }),
  },
  {
    pattern: new RegExp(
      `^(?:bulk-enroll|trigger-dispatcher|scheduled-enroll|import|smoke|mailbox-sync|reply-triage|knowledge-index|knowledge-query):(${SEGMENT})(?::|$)`,
    ),
    scope: (m) => ({ kind: 'tenant', tenantId: m[1]! }),
  },
  {
    pattern: new RegExp(`^(?:lead-scoring-train|cadenza-lead-scoring-retrain)-(${UUID})(?:-|$)`),
    scope: (m) => ({ kind: 'tenant', tenantId: m[1]! }),
  },
];

/**
 * The key scope of the payloads of one workflow (and of the activities it schedules). Unknown ids
 * and payloads with no workflow (a schedule's own memo) get the platform key: still encrypted,
 * just not erasable per tenant, which is why every id builder must be listed above.
 */
export function payloadKeyScopeOf(workflowId: string | undefined): PayloadKeyScope {
  if (!workflowId) return PLATFORM_KEY_SCOPE;
  for (const family of FAMILIES) {
    const match = workflowId.match(family.pattern);
    if (match) return family.scope(match);
  }
  return PLATFORM_KEY_SCOPE;
}

/** A stable text form of a scope, for cache keys and log lines (ids only, never personal data). */
export function payloadKeyScopeLabel(scope: PayloadKeyScope): string {
  switch (scope.kind) {
    case 'contact':
      return `contact:${scope.tenantId}:${scope.contactId}`;
    case 'tenant':
      return `tenant:${scope.tenantId}`;
    case 'platform':
      return 'platform';
  }
}
