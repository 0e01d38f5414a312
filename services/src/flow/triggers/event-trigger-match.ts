import { evaluateCondition, type ContactSnapshot, type DomainEvent, type NodeOfType } from '@cadenza/core';

/** Trigger kinds fed by the tenant's domain event log (the dispatcher's business). */
export const EVENT_TRIGGER_TYPES = ['contact_created', 'contact_updated', 'deal_stage_changed'] as const;
export type EventTriggerType = (typeof EVENT_TRIGGER_TYPES)[number];
export type EventTrigger = NodeOfType<EventTriggerType>;

const EVENT_OF_TRIGGER: Record<EventTriggerType, string> = {
  contact_created: 'contact.created',
  contact_updated: 'contact.updated',
  deal_stage_changed: 'deal.stage_changed',
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
export function eventMatchesTrigger(trigger: EventTrigger, event: DomainEvent): boolean {
  if (event.type !== EVENT_OF_TRIGGER[trigger.type]) return false;
  if (trigger.type === 'contact_updated') return touchesWatchedFields(trigger.settings.fields, event.payload.fields);
  if (trigger.type === 'deal_stage_changed') {
    const { pipelineId, fromStage, toStage } = trigger.settings;
    const { fromPipelineId, toPipelineId, fromStageId, toStageId } = event.payload;
    if (pipelineId && pipelineId !== toPipelineId && pipelineId !== fromPipelineId) return false;
    if (fromStage && fromStage !== fromStageId) return false;
    if (toStage && toStage !== toStageId) return false;
  }
  return true;
}

/** The trigger's contact filter, if it has one; no filter means every contact. */
export function contactPassesFilter(trigger: EventTrigger, snapshot: ContactSnapshot, now: Date): boolean {
  if (trigger.type === 'deal_stage_changed') return true;
  const filter = trigger.settings.filter;
  return filter ? evaluateCondition(filter, snapshot, now) : true;
}
