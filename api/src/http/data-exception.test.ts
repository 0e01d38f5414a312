import { dataExceptionAsUserError } from './data-exception';

describe('dataExceptionAsUserError', () => {
  it('turns a PostgreSQL data exception into a 400 with the reason', () => {
    const error = Object.assign(new Error('time zone displacement out of range: "2000-01-01T00:00:00+16:00"'), {
      code: '22009',
    });
    const user = dataExceptionAsUserError(error);
    expect(user?.status).toBe(400);
    expect(user?.code).toBe('invalid_value');
    expect(user?.message).toContain('time zone displacement out of range');
  });

  it("reads TypeORM's wrapped driver error", () => {
    expect(dataExceptionAsUserError({ message: 'integer out of range', driverError: { code: '22003' } })?.status).toBe(
      400,
    );
  });

  it('leaves every other error alone', () => {
    expect(dataExceptionAsUserError(Object.assign(new Error('unique'), { code: '23505' }))).toBeNull();
    expect(dataExceptionAsUserError(new Error('boom'))).toBeNull();
    expect(dataExceptionAsUserError(null)).toBeNull();
  });
});
