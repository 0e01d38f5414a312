import {
  evaluateCondition,
  type Condition,
  type ContactSnapshot,
  type DomainEvent,
  type NodeOfType,
  type NodeSettings,
} from '@cadenza/core';

/** Trigger kinds fed by the tenant's domain event log (their kind says `enrolledBy: 'event'`). */
export const EVENT_TRIGGER_TYPES = ['contact_created', 'contact_updated', 'deal_stage_changed'] as const;
export type EventTriggerType = (typeof EVENT_TRIGGER_TYPES)[number];
export type EventTrigger = NodeOfType<EventTriggerType>;

/** What the dispatcher needs of an event-fed trigger kind. */
interface EventTriggerRule<T extends EventTriggerType> {
  /** The domain event type that may enroll. */
  event: DomainEvent['type'];
  /** Settings-only part of the match: everything but the contact filter, which needs a snapshot. */
  matches: (settings: NodeSettings[T], event: DomainEvent) => boolean;
  /** The contact filter, if the kind has one; none means every contact the event is about. */
  filter: (settings: NodeSettings[T]) => Condition | undefined;
}

/** One line per event-fed trigger kind: a kind listed above but not here fails to compile. */
const EVENT_TRIGGERS: { [T in EventTriggerType]: EventTriggerRule<T> } = {
  contact_created: { event: 'contact.created', matches: () => true, filter: (settings) => settings.filter },
  contact_updated: {
    event: 'contact.updated',
    matches: (settings, event) => touchesWatchedFields(settings.fields, event.payload.fields),
    filter: (settings) => settings.filter,
  },
  deal_stage_changed: {
    event: 'deal.stage_changed',
    matches: ({ pipelineId, fromStage, toStage }, event) => {
      const { fromPipelineId, toPipelineId, fromStageId, toStageId } = event.payload;
      if (pipelineId && pipelineId !== toPipelineId && pipelineId !== fromPipelineId) return false;
      if (fromStage && fromStage !== fromStageId) return false;
      return !toStage || toStage === toStageId;
    },
    filter: () => undefined,
  },
};

export const isEventTriggerType = (type: string): type is EventTriggerType =>
  (EVENT_TRIGGER_TYPES as readonly string[]).includes(type);

/** The contact an event is about, or null (a deal with no contact enrolls no one). */
export function contactOfEvent(event: DomainEvent): string | null {
  if (event.subject === 'contact') return event.subjectId;
  const contactId = event.payload.contactId;
  return typeof contactId === 'string' && contactId ? contactId : null;
}

/**
 * Whether an update touched one of the watched fields. The event names CRM columns
 * ("customFields"), the trigger names flow paths ("custom.industry"), so any custom path
 * matches a change of the custom fields as a whole.
 */
export function touchesWatchedFields(watched: readonly string[], changed: unknown): boolean {
  if (watched.length === 0) return true;
  if (!Array.isArray(changed)) return false;
  return watched.some((field) => {
    const head = field.split('.')[0]!;
    return changed.includes(head === 'custom' ? 'customFields' : head);
  });
}

/** Settings-only part of the match: everything but the contact filter, which needs a snapshot. */
export function eventMatchesTrigger<T extends EventTriggerType>(
  trigger: { type: T; settings: NodeSettings[T] },
  event: DomainEvent,
): boolean {
  const rule: EventTriggerRule<T> = EVENT_TRIGGERS[trigger.type];
  return event.type === rule.event && rule.matches(trigger.settings, event);
}

/** The trigger's contact filter, if it has one; no filter means every contact. */
export function contactPassesFilter<T extends EventTriggerType>(
  trigger: { type: T; settings: NodeSettings[T] },
  snapshot: ContactSnapshot,
  now: Date,
): boolean {
  const rule: EventTriggerRule<T> = EVENT_TRIGGERS[trigger.type];
  const filter = rule.filter(trigger.settings);
  return filter ? evaluateCondition(filter, snapshot, now) : true;
}
