import type { DomainEvent } from '@cadenza/core';

/** Reads a tenant's log after a seq, oldest first (listDomainEventsAfter bound to a tenant). */
export type EventLoader = (afterSeq: number, limit: number) => Promise<DomainEvent[]>;
