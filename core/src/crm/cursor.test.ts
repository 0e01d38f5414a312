import { decodeCursor, encodeCursor } from './cursor';

const id = '6f1c1a52-4a8e-4d4b-9a55-2d7b1f0a9e11';

describe('list cursors', () => {
  it('round-trips sort key and id, keeping microseconds and unicode', () => {
    const cursor = { sort: 'createdAt:desc', value: '2025-01-02 03:04:05.123456+00', id };
    expect(decodeCursor(encodeCursor(cursor), 'createdAt:desc')).toEqual(cursor);
    const name = { sort: 'lastName:asc', value: 'Łukasz "O\'Brien"', id };
    expect(decodeCursor(encodeCursor(name), 'lastName:asc')).toEqual(name);
  });

  it('is url-safe', () => {
    expect(encodeCursor({ sort: 'score:desc', value: '???>>>', id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses garbage, tampered ids, and a cursor of another sort, naming query.cursor', () => {
    expect(() => decodeCursor('not base64 json', 'createdAt:desc')).toThrow(/query\.cursor/);
    const tampered = Buffer.from(JSON.stringify(['createdAt:desc', 'x', "1' OR '1'='1"])).toString('base64url');
    expect(() => decodeCursor(tampered, 'createdAt:desc')).toThrow(/query\.cursor/);
    const other = encodeCursor({ sort: 'score:asc', value: '5', id });
    expect(() => decodeCursor(other, 'createdAt:desc')).toThrow(/made for sort score:asc/);
  });
});
