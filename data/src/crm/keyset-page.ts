import { decodeCursor, encodeCursor, type Page } from '@cadenza/core';
import type { SqlParams } from './sql-params';

/** How a list is ordered: an expression of our own (never from the request) and its type. */
export interface KeysetOrder {
  /** Name the cursor is bound to, e.g. "createdAt:desc". */
  name: string;
  /** SQL expression of the sort key; must be NOT NULL so row comparison is total. */
  expression: string;
  /** Postgres type the cursor's text is cast back to. */
  cast: 'timestamptz' | 'integer' | 'bigint' | 'text';
  direction: 'asc' | 'desc';
  /** Tie-breaker column, unique within the tenant. */
  idExpression: string;
  /** Its type; uuid unless said otherwise. */
  idCast?: 'uuid' | 'bigint';
}

/**
 * The keyset clause and ORDER BY of one page: rows strictly after the cursor's
 * (sort key, id) in the list's order, and one row more than the page so we know whether
 * another page follows.
 */
export function keysetClause(
  order: KeysetOrder,
  params: SqlParams,
  cursor: string | undefined,
  limit: number,
): { where: string | null; orderLimit: string } {
  const dir = order.direction === 'asc' ? 'ASC' : 'DESC';
  const orderLimit = `ORDER BY ${order.expression} ${dir}, ${order.idExpression} ${dir} LIMIT ${params.add(limit + 1)}`;
  if (!cursor) return { where: null, orderLimit };
  const position = decodeCursor(cursor, order.name);
  const op = order.direction === 'asc' ? '>' : '<';
  const where =
    `(${order.expression}, ${order.idExpression}) ${op} ` +
    `(${params.add(position.value)}::${order.cast}, ${params.add(position.id)}::${order.idCast ?? 'uuid'})`;
  return { where, orderLimit };
}

/** Cuts the extra row off and makes the next cursor from the last row kept. */
export function toPage<R extends { sort_key: string; id: string }, T>(
  rows: R[],
  order: Pick<KeysetOrder, 'name'>,
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ sort: order.name, value: String(last.sort_key), id: last.id })
        : null,
  };
}
