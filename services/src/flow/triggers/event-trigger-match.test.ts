import { triggerTypesEnrolledBy, type ContactSnapshot, type DomainEvent } from '@cadenza/core';
import {
  contactOfEvent,
  contactPassesFilter,
  EVENT_TRIGGER_TYPES,
  eventMatchesTrigger,
  touchesWatchedFields,
  type EventTrigger,
} from './event-trigger-match';

const event = (type: string, payload: Record<string, unknown> = {}, subject: DomainEvent['subject'] = 'contact') =>
  ({
    tenantId: 't',
    seq: 1,
    type,
    subject,
    subjectId: 'c1',
    payload,
    actor: { kind: 'system', id: null },
    occurredAt: '2026-01-01T00:00:00.000Z',
  }) as DomainEvent;

const trigger = (type: EventTrigger['type'], settings: Record<string, unknown>) =>
  ({ id: 'start', type, position: { x: 0, y: 0 }, settings }) as EventTrigger;

const customer = { field: 'contact.lifecycleStage', operator: 'equals', value: 'customer' } as const;

const snapshot = (fields: Record<string, unknown>): ContactSnapshot =>
  ({ id: 'c1', fields, engagement: {}, score: null }) as ContactSnapshot;

describe('event trigger matching', () => {
  it('matches each trigger only to its own event type', () => {
    expect(eventMatchesTrigger(trigger('contact_created', {}), event('contact.created'))).toBe(true);
    expect(eventMatchesTrigger(trigger('contact_created', {}), event('contact.updated', { fields: ['email'] }))).toBe(
      false,
    );
    expect(eventMatchesTrigger(trigger('deal_stage_changed', {}), event('contact.created'))).toBe(false);
  });

  it('counts an update only when it touches a watched field; custom paths watch customFields', () => {
    expect(touchesWatchedFields([], ['email'])).toBe(true);
    expect(touchesWatchedFields(['lifecycleStage'], ['email'])).toBe(false);
    expect(touchesWatchedFields(['lifecycleStage'], ['email', 'lifecycleStage'])).toBe(true);
    expect(touchesWatchedFields(['custom.industry'], ['customFields'])).toBe(true);
    expect(touchesWatchedFields(['email'], undefined)).toBe(false);
    const updated = trigger('contact_updated', { filter: customer, fields: ['lifecycleStage'] });
    expect(eventMatchesTrigger(updated, event('contact.updated', { fields: ['lifecycleStage'] }))).toBe(true);
    expect(eventMatchesTrigger(updated, event('contact.updated', { fields: ['phone'] }))).toBe(false);
  });

  it('checks the pipeline and the from/to stages of a deal stage change', () => {
    const moved = event(
      'deal.stage_changed',
      { fromPipelineId: 'p1', toPipelineId: 'p1', fromStageId: 's1', toStageId: 's2', contactId: 'c9' },
      'deal',
    );
    expect(eventMatchesTrigger(trigger('deal_stage_changed', {}), moved)).toBe(true);
    expect(eventMatchesTrigger(trigger('deal_stage_changed', { pipelineId: 'p1', toStage: 's2' }), moved)).toBe(true);
    expect(eventMatchesTrigger(trigger('deal_stage_changed', { pipelineId: 'p2' }), moved)).toBe(false);
    expect(eventMatchesTrigger(trigger('deal_stage_changed', { fromStage: 's2' }), moved)).toBe(false);
    expect(eventMatchesTrigger(trigger('deal_stage_changed', { toStage: 's3' }), moved)).toBe(false);
    expect(contactOfEvent(moved)).toBe('c9');
    expect(contactOfEvent(event('deal.stage_changed', { contactId: null }, 'deal'))).toBeNull();
    expect(contactOfEvent(event('contact.created'))).toBe('c1');
  });

  it('applies the contact filter, and lets every contact through when there is none', () => {
    const now = new Date();
    expect(contactPassesFilter(trigger('contact_created', {}), snapshot({}), now)).toBe(true);
    const updated = trigger('contact_updated', { filter: customer, fields: [] });
    expect(contactPassesFilter(updated, snapshot({ lifecycleStage: 'customer' }), now)).toBe(true);
    expect(contactPassesFilter(updated, snapshot({ lifecycleStage: 'lead' }), now)).toBe(false);
  });
});

describe('event-fed trigger kinds', () => {
  it('are exactly the kinds whose metadata says they enroll from the event log', () => {
    expect([...EVENT_TRIGGER_TYPES].sort()).toEqual(triggerTypesEnrolledBy('event').sort());
  });
});
