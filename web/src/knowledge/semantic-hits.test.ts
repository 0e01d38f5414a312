import { describe, expect, it } from 'vitest';
import { bestHitPerContact, splitHitTitle } from './semantic-hits';

const hit = (id: string, contactId: string | null, score: number) => ({
  source: 'note' as const,
  id,
  contactId,
  title: 'Note about X',
  text: id,
  score,
});

describe('bestHitPerContact', () => {
  it("keeps each contact's best hit in the order given, and drops hits about no contact", () => {
    const rows = bestHitPerContact([
      hit('a', 'c1', 0.9),
      hit('doc', null, 0.8),
      hit('b', 'c2', 0.7),
      hit('c', 'c1', 0.6),
    ]);
    expect(rows.map((row) => [row.id, row.contactId])).toEqual([
      ['a', 'c1'],
      ['b', 'c2'],
    ]);
  });
});

describe('splitHitTitle', () => {
  it('reads the contact and what matched out of the title', () => {
    expect(splitHitTitle({ source: 'note', title: 'Note about Lena Park' })).toEqual({
      who: 'Lena Park',
      what: 'note',
    });
    expect(splitHitTitle({ source: 'timeline', title: 'email replied: Lena Park' })).toEqual({
      who: 'Lena Park',
      what: 'email replied',
    });
  });
});
