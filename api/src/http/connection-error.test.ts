import { isConnectionError } from './connection-error';

describe('isConnectionError', () => {
  it('recognises a refused connection, also inside an AggregateError', () => {
    expect(
      isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    const refused = Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    expect(isConnectionError(new AggregateError([refused], ''))).toBe(true);
  });

  it('recognises PostgreSQL shutting down or starting up, wrapped by TypeORM', () => {
    expect(isConnectionError({ message: 'query failed', driverError: { code: '57P01' } })).toBe(true);
    expect(isConnectionError({ code: '57P03' })).toBe(true);
    expect(isConnectionError({ code: '08006' })).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves real bugs and constraint errors alone', () => {
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false);
    expect(isConnectionError({ message: 'duplicate key', driverError: { code: '23505' } })).toBe(false);
    expect(isConnectionError(null)).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
  });
});
