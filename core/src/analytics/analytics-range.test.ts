import { UserError } from '../errors';
import { AnalyticsRangeQuerySchema, resolveAnalyticsRange } from './analytics-records';

describe('resolveAnalyticsRange', () => {
  it('defaults to the last 30 days', () => {
    const range = resolveAnalyticsRange(AnalyticsRangeQuerySchema.parse({}), '2026-11-28');
    expect([range.from, range.to, range.days.length]).toEqual(['2026-10-30', '2026-11-28', 30]);
  });

  it('answers a range made too long by its default end with a 400 naming query.from', () => {
    const query = AnalyticsRangeQuerySchema.parse({ from: '2000-01-01' });
    let thrown: unknown;
    try {
      resolveAnalyticsRange(query, '2026-11-28');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).status).toBe(400);
    expect((thrown as UserError).details).toEqual({ fields: [expect.objectContaining({ field: 'query.from' })] });
  });
});
