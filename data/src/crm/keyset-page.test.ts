import { decodeCursor, encodeCursor } from '@cadenza/core';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';

const order: KeysetOrder = {
  name: 'createdAt:desc',
  expression: 'c.created_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'c.id',
};
const id = '6f1c1a52-4a8e-4d4b-9a55-2d7b1f0a9e11';

describe('keyset pages', () => {
  it('orders by key then id and fetches one extra row', () => {
    const params = new SqlParams(['tenant']);
    expect(keysetClause(order, params, undefined, 50)).toEqual({
      where: null,
      orderLimit: 'ORDER BY c.created_at DESC, c.id DESC LIMIT $2',
    });
    expect(params.values).toEqual(['tenant', 51]);
  });

  it('binds the cursor position as parameters, never as SQL text', () => {
    const params = new SqlParams();
    const cursor = encodeCursor({ sort: 'createdAt:desc', value: "2025-01-01'; DROP TABLE contacts; --", id });
    const { where } = keysetClause(order, params, cursor, 10);
    expect(where).toBe('(c.created_at, c.id) < ($2::timestamptz, $3::uuid)');
    expect(params.values).toEqual([11, "2025-01-01'; DROP TABLE contacts; --", id]);
    const ascending = keysetClause(
      { ...order, name: 'score:asc', direction: 'asc', cast: 'integer' },
      new SqlParams(),
      encodeCursor({ sort: 'score:asc', value: '5', id }),
      10,
    );
    expect(ascending.where).toContain(') > (');
  });

  it('makes a next cursor only when there is another page', () => {
    const rows = [1, 2, 3].map((n) => ({ sort_key: `k${n}`, id: `${id.slice(0, -1)}${n}` }));
    const full = toPage(rows, order, 2, (row) => row.sort_key);
    expect(full.items).toEqual(['k1', 'k2']);
    expect(decodeCursor(full.nextCursor ?? '', 'createdAt:desc')).toMatchObject({ value: 'k2' });
    expect(toPage(rows, order, 3, (row) => row.sort_key).nextCursor).toBeNull();
  });
});
