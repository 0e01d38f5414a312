import { internalRoomName, parseRoomName, roomsForEvent } from './live-rooms';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('parseRoomName', () => {
  it('accepts the principal’s own tenant room and entity rooms', () => {
    expect(parseRoomName(`tenant:${A}`, A)).toEqual({ kind: 'tenant', id: A });
    expect(parseRoomName('contact:c-1', A)).toEqual({ kind: 'contact', id: 'c-1' });
    expect(parseRoomName('flow:f_1', A)).toEqual({ kind: 'flow', id: 'f_1' });
    expect(parseRoomName(`run:${B}`, A)).toEqual({ kind: 'run', id: B });
  });

  it('refuses another tenant’s room', () => {
    expect(() => parseRoomName(`tenant:${B}`, A)).toThrow(/another tenant/);
  });

  it.each([
    'contact',
    'contact:',
    'deal:1',
    'Tenant:x',
    `t:${B}`,
    `t:${B}:contact:1`,
    `contact:${B}:x`,
    'contact:../x',
    'tenant:not-a-uuid',
    `contact:${'x'.repeat(129)}`,
  ])('refuses the malformed or forged name %s', (name) => {
    expect(() => parseRoomName(name, A)).toThrow();
  });
});

describe('internalRoomName', () => {
  it('scopes every room to the tenant', () => {
    expect(internalRoomName(A, { kind: 'tenant', id: A })).toBe(`t:${A}`);
    expect(internalRoomName(A, { kind: 'contact', id: 'c1' })).toBe(`t:${A}:contact:c1`);
    expect(internalRoomName(A, { kind: 'contact', id: 'c1' })).not.toBe(
      internalRoomName(B, { kind: 'contact', id: 'c1' }),
    );
  });
});

describe('roomsForEvent', () => {
  it('sends an event to its tenant, its subject and the records its payload names', () => {
    expect(
      roomsForEvent({
        tenantId: A,
        subject: 'step',
        subjectId: 's1',
        payload: { runId: 'r1', flowId: 'f1', contactId: 'c1' },
      }),
    ).toEqual([`t:${A}`, `t:${A}:contact:c1`, `t:${A}:flow:f1`, `t:${A}:run:r1`]);
    expect(roomsForEvent({ tenantId: A, subject: 'contact', subjectId: 'c9', payload: {} })).toEqual([
      `t:${A}`,
      `t:${A}:contact:c9`,
    ]);
  });

  it('ignores payload ids that are not ids', () => {
    expect(
      roomsForEvent({ tenantId: A, subject: 'deal', subjectId: 'd', payload: { runId: 5, flowId: 'a:b' } }),
    ).toEqual([`t:${A}`]);
  });
});
