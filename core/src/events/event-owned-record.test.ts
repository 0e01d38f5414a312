import { ownedRecordKey, ownedRecordOf } from './event-owned-record';

const C = '33333333-3333-4333-8333-333333333333';

describe('ownedRecordOf', () => {
  it('makes contacts, deals and tasks answer for themselves', () => {
    expect(ownedRecordOf({ subject: 'contact', subjectId: C, payload: {} })).toEqual({ kind: 'contact', id: C });
    // A deal names its contact too, but deals have owners of their own (as over REST).
    expect(ownedRecordOf({ subject: 'deal', subjectId: 'd1', payload: { contactId: C } })).toEqual({
      kind: 'deal',
      id: 'd1',
    });
    expect(ownedRecordOf({ subject: 'task', subjectId: 't1', payload: {} })).toEqual({ kind: 'task', id: 't1' });
  });

  it.each(['note', 'message', 'run', 'step', 'approval'] as const)(
    'reads the contact of a %s from its payload',
    (subject) => {
      expect(ownedRecordOf({ subject, subjectId: 'x', payload: { contactId: C } })).toEqual({ kind: 'contact', id: C });
    },
  );

  it('gives an event that should name a contact and names none to nobody', () => {
    for (const payload of [{}, { contactId: null }, { contactId: '' }, { contactId: 42 }]) {
      expect(ownedRecordOf({ subject: 'message', subjectId: 'm', payload })).toEqual({ kind: 'contact', id: null });
    }
  });

  it('leaves workspace-wide records to everyone', () => {
    for (const subject of ['company', 'flow', 'import', 'user', 'tenant'] as const) {
      expect(ownedRecordOf({ subject, subjectId: 'x', payload: { contactId: C } })).toBeNull();
    }
  });

  it('keys records by kind and id', () => {
    expect(ownedRecordKey({ kind: 'deal', id: C })).not.toBe(ownedRecordKey({ kind: 'contact', id: C }));
  });
});
