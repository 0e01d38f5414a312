import { ERASED, identifiersOf, scrubJson, scrubText } from './identifier-scrub';

describe('identifiersOf', () => {
  it('lists email, phone, full name both ways and each name, longest first', () => {
    expect(
      identifiersOf({ firstName: ' Ada ', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44 7946 0000' }),
    ).toEqual(['ada@example.com', '+44 7946 0000', 'Lovelace, Ada', 'Ada Lovelace', 'Lovelace', 'Ada']);
  });

  it('leaves out what is missing and names too short to be told from ordinary words', () => {
    expect(identifiersOf({ firstName: 'Al', lastName: null, email: null, phone: '' })).toEqual([]);
    expect(identifiersOf({ firstName: 'Al', lastName: 'Smith', email: null, phone: null })).toEqual([
      'Smith, Al',
      'Al Smith',
      'Smith',
    ]);
  });
});

describe('scrubText', () => {
  const ids = identifiersOf({ firstName: 'Ann', lastName: 'Lee-Smith', email: 'ann.lee@example.com', phone: null });

  it('replaces every identifier, whatever its case', () => {
    expect(scrubText('Call ANN LEE-SMITH (ann.lee@Example.com) about ann', ids)).toBe(
      `Call ${ERASED} (${ERASED}) about ${ERASED}`,
    );
  });

  it('keeps words that merely contain a name', () => {
    expect(scrubText('Annual review with Joanna', ids)).toBe('Annual review with Joanna');
  });

  it('treats regular-expression characters in identifiers literally', () => {
    const phone = identifiersOf({ firstName: null, lastName: null, email: null, phone: '+1 (555) 010-2000' });
    expect(scrubText('dial +1 (555) 010-2000 now, not +1 5550102000', phone)).toBe(
      `dial ${ERASED} now, not +1 5550102000`,
    );
  });

  it('returns the text unchanged without identifiers', () => {
    expect(scrubText('Ann', [])).toBe('Ann');
  });
});

describe('scrubJson', () => {
  it('scrubs every string of a JSON value and keeps its shape, keys and other values', () => {
    const ids = ['Ann Lee', 'Ann'];
    expect(scrubJson({ title: 'Call Ann Lee', contactId: 'c1', done: false, n: 2, tags: ['Ann', null] }, ids)).toEqual({
      title: `Call ${ERASED}`,
      contactId: 'c1',
      done: false,
      n: 2,
      tags: [ERASED, null],
    });
  });
});
