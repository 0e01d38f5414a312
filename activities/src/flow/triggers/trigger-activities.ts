import type { DataSource } from 'typeorm';
import {
  ConflictError,
  ContactListQuerySchema,
  evaluateCondition,
  NotFoundError,
  type ContactSnapshot,
  type DomainEvent,
} from '@cadenza/core';
import { listContacts, type CrmPrincipal } from '@cadenza/data';
import { getFlowVersion } from '@cadenza/data';
import { listDomainEventsAfter } from '@cadenza/data';
import type { EnrollmentOutcome, EnrollmentRequest } from '@cadenza/services/flow';
import type { FlowCrmPort } from '@cadenza/services/flow';
import {
  contactOfEvent,
  contactPassesFilter,
  EVENT_TRIGGER_TYPES,
  eventMatchesTrigger,
  type EventTrigger,
} from '@cadenza/services/flow';
import { listTriggerFlows, type TriggerFlow } from '@cadenza/services/flow';

export interface TriggerActivityDependencies {
  db: DataSource;
  crm: Pick<FlowCrmPort, 'loadContactSnapshot'>;
  enroll: (request: EnrollmentRequest) => Promise<EnrollmentOutcome>;
}

export interface DispatchResult {
  /** Seq of the last event handled: the dispatcher's next `afterSeq`. */
  cursor: number;
  /** The page was full: read again without sleeping. */
  more: boolean;
  /** Active flows with an event trigger; zero lets the dispatcher stop. */
  watchingFlows: number;
  enrolled: number;
}

/** Events read per activity call: one call stays well inside its timeout. */
const PAGE_SIZE = 200;
const SCHEDULE_PAGE_SIZE = 200;

/** Triggers act for the whole tenant, as the system. */
const systemPrincipal = (tenantId: string): CrmPrincipal => ({
  tenantId,
  userId: null,
  role: 'admin',
  via: 'api_key',
  actor: { kind: 'system', id: null },
});

/** Enrolls; a contact deleted since, or a flow paused since, is skipped rather than retried forever. */
async function enrollOrSkip(deps: TriggerActivityDependencies, request: EnrollmentRequest): Promise<boolean> {
  try {
    return (await deps.enroll(request)).status === 'started';
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ConflictError) return false;
    throw error;
  }
}

async function dispatchEvent(
  deps: TriggerActivityDependencies,
  event: DomainEvent,
  flows: TriggerFlow[],
  snapshotOf: (contactId: string) => Promise<ContactSnapshot | null>,
): Promise<number> {
  const contactId = contactOfEvent(event);
  if (!contactId) return 0;
  let enrolled = 0;
  for (const flow of flows) {
    const trigger = flow.trigger as EventTrigger;
    if (flow.armedSeq !== null && event.seq <= flow.armedSeq) continue;
    if (!eventMatchesTrigger(trigger, event)) continue;
    const snapshot = await snapshotOf(contactId);
    if (!snapshot || !contactPassesFilter(trigger, snapshot, new Date())) continue;
    const started = await enrollOrSkip(deps, {
      tenantId: event.tenantId,
      flowId: flow.flowId,
      contactId,
      source: `trigger:${event.type}:${event.seq}`,
    });
    if (started) enrolled += 1;
  }
  return enrolled;
}

/** Activities of the trigger dispatcher and of scheduled enrollments. */
export function createTriggerActivities(deps: TriggerActivityDependencies) {
  return {
    /**
     * Reads the tenant's events after the cursor and enrolls the contacts they make match
     * an active flow's trigger. A retried call redoes the page: enrollment ids are derived
     * from (flow, contact), so no one is enrolled twice.
     */
    async dispatchTriggerEvents(input: { tenantId: string; afterSeq: number }): Promise<DispatchResult> {
      const flows = await listTriggerFlows(deps.db, { tenantId: input.tenantId, triggerTypes: EVENT_TRIGGER_TYPES });
      const events = await listDomainEventsAfter(deps.db.manager, input.tenantId, input.afterSeq, PAGE_SIZE);
      // The filter reads the contact as it is now, once per page.
      const snapshots = new Map<string, Promise<ContactSnapshot | null>>();
      const snapshotOf = (contactId: string) => {
        if (!snapshots.has(contactId)) {
          snapshots.set(
            contactId,
            deps.crm.loadContactSnapshot(input.tenantId, contactId).catch((error: unknown) => {
              if (error instanceof NotFoundError) return null;
              throw error;
            }),
          );
        }
        return snapshots.get(contactId)!;
      };
      let enrolled = 0;
      for (const event of events) {
        if (flows.length > 0) enrolled += await dispatchEvent(deps, event, flows, snapshotOf);
      }
      return {
        cursor: events.at(-1)?.seq ?? input.afterSeq,
        more: events.length === PAGE_SIZE,
        watchingFlows: flows.length,
        enrolled,
      };
    },

    /**
     * One page of the contacts a scheduled flow enrolls on this tick: those matching the
     * schedule trigger's filter. `active: false` when the flow stopped taking enrollments.
     */
    async findScheduledEnrollmentContacts(input: {
      tenantId: string;
      flowId: string;
      cursor: string | null;
    }): Promise<{ active: boolean; contactIds: string[]; nextCursor: string | null }> {
      const pinned = await getFlowVersion(deps.db, input.tenantId, input.flowId);
      const trigger = pinned.definition.trigger;
      if (pinned.flow.status !== 'active' || trigger.type !== 'schedule') {
        return { active: false, contactIds: [], nextCursor: null };
      }
      const page = await listContacts(
        deps.db,
        systemPrincipal(input.tenantId),
        ContactListQuerySchema.parse({
          limit: SCHEDULE_PAGE_SIZE,
          sort: 'createdAt:asc',
          ...(input.cursor ? { cursor: input.cursor } : {}),
        }),
      );
      const now = new Date();
      const contactIds: string[] = [];
      for (const contact of page.items) {
        const snapshot = await deps.crm.loadContactSnapshot(input.tenantId, contact.id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
        if (snapshot && evaluateCondition(trigger.settings.filter, snapshot, now)) contactIds.push(contact.id);
      }
      return { active: true, contactIds, nextCursor: page.nextCursor };
    },
  };
}
