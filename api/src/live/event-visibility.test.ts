import type { DomainEvent, OwnedRecordRef, Principal } from '@cadenza/core';
import { EventVisibility } from './event-visibility';

const TENANT = '11111111-1111-4111-8111-111111111111';
const REP = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const contactId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const rep: Principal = { tenantId: TENANT, userId: REP, role: 'sales_rep', via: 'session' };
const repKey: Principal = { tenantId: TENANT, userId: null, role: 'sales_rep', via: 'api_key' };
const admin: Principal = { tenantId: TENANT, userId: OTHER, role: 'admin', via: 'session' };

let seq = 0;
const event = (subject: DomainEvent['subject'], subjectId: string, payload: Record<string, unknown> = {}) =>
  ({
    tenantId: TENANT,
    seq: ++seq,
    type: `${subject}.updated`,
    subject,
    subjectId,
    payload,
    actor: { kind: 'system', id: null },
    occurredAt: new Date(0).toISOString(),
  }) as DomainEvent;

/** Even contacts are the rep's, odd ones another user's; counts the lookups. */
function visibility() {
  const calls: OwnedRecordRef[][] = [];
  const lookup = async (_tenantId: string, refs: OwnedRecordRef[]) => {
    calls.push(refs);
    return new Map(refs.map((ref) => [`${ref.kind}:${ref.id}`, Number(ref.id!.slice(-1)) % 2 === 0 ? REP : OTHER]));
  };
  return { calls, visibility: new EventVisibility(lookup) };
}

describe('EventVisibility', () => {
  it('looks owners up once per batch, whatever the number of events and sockets', async () => {
    const { calls, visibility: v } = visibility();
    const events = Array.from({ length: 500 }, (_, i) => event('message', `m${i}`, { contactId: contactId(i) }));
    await v.annotate(TENANT, events);
    const seen = [rep, admin, repKey].map((principal) => events.filter((e) => v.visibleTo(principal, e)).length);
    expect(seen).toEqual([250, 500, 0]);
    expect(calls).toHaveLength(1);
  });

  it('looks nothing up for a batch about no owned record', async () => {
    const { calls, visibility: v } = visibility();
    const flow = event('flow', 'f1');
    await v.annotate(TENANT, [flow, event('company', 'co1')]);
    expect(calls).toEqual([]);
    expect(v.visibleTo(rep, flow)).toBe(true);
  });

  it('hides from a sales rep an event nobody looked up, and one about no contact', () => {
    const { visibility: v } = visibility();
    expect(v.visibleTo(rep, event('contact', contactId(2)))).toBe(false);
    expect(v.visibleTo(admin, event('contact', contactId(2)))).toBe(true);
    expect(v.visibleTo(rep, event('message', 'm', { contactId: null }))).toBe(false);
  });

  it('takes the owner a deletion recorded when the record is gone, and only then', async () => {
    const v = new EventVisibility(async () => new Map());
    const deleted = event('contact', contactId(9), { ownerId: REP });
    const updated = event('contact', contactId(9), { fields: ['title'] });
    // A message does not speak for its contact's owner.
    const message = event('message', 'm', { contactId: contactId(9), ownerId: REP });
    await v.annotate(TENANT, [deleted, updated, message]);
    expect([deleted, updated, message].map((e) => v.visibleTo(rep, e))).toEqual([true, false, false]);
  });

  it('lets the current owner decide over an owner a payload names', async () => {
    const { visibility: v } = visibility();
    const reassigned = event('contact', contactId(3), { ownerId: REP });
    await v.annotate(TENANT, [reassigned]);
    expect(v.visibleTo(rep, reassigned)).toBe(false);
  });
});
