import type { EntityManager } from 'typeorm';
import type { ContactSnapshot } from '@cadenza/core';

/** Who made a change, as the CRM's audit log records it. */
export interface FlowActor {
  kind: 'workflow';
  id: string;
}

/**
 * What the flow engine needs from the CRM. Each write runs inside the caller's transaction
 * (the one that also claims the side effect's idempotency key), so the change and the key
 * commit together.
 */
export interface FlowCrmPort {
  /** `engagement: false` skips the engagement query and leaves it empty: for callers that only need the fields. */
  loadContactSnapshot(
    tenantId: string,
    contactId: string,
    options?: { engagement?: boolean },
  ): Promise<ContactSnapshot>;
  setContactField(
    manager: EntityManager,
    tenantId: string,
    contactId: string,
    field: string,
    value: string | number | boolean | null,
    actor: FlowActor,
  ): Promise<{ before: unknown; after: unknown }>;
  changeTags(
    manager: EntityManager,
    tenantId: string,
    contactId: string,
    change: { add?: string[]; remove?: string[] },
    actor: FlowActor,
  ): Promise<{ tags: string[] }>;
  createTask(
    manager: EntityManager,
    tenantId: string,
    task: { contactId: string; title: string; notes?: string; assigneeId?: string; dueAt?: string; priority: string },
    actor: FlowActor,
  ): Promise<{ taskId: string }>;
  addScore(
    manager: EntityManager,
    tenantId: string,
    contactId: string,
    points: number,
    actor: FlowActor,
  ): Promise<{ score: number }>;
}
