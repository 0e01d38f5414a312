import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from './field-errors';

describe('fieldErrorsOf', () => {
  it('keys API field errors by path without the body prefix', () => {
    const error = {
      status: 400,
      data: {
        code: 'validation_failed',
        message: 'invalid body',
        details: {
          fields: [
            { field: 'body.email', message: 'Invalid email address' },
            { field: 'customFields.seats', message: 'expects a number' },
          ],
        },
      },
    };
    expect(fieldErrorsOf(error)).toEqual({ email: 'Invalid email address', 'customFields.seats': 'expects a number' });
  });

  it('is empty for errors without fields', () => {
    expect(fieldErrorsOf({ status: 'FETCH_ERROR' })).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });
});
