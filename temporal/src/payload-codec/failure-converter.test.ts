import { defaultPayloadConverter } from '@temporalio/common';
import { PayloadKeyErasedError } from '@cadenza/core';
import { failureConverter } from './failure-converter';

describe('the failure converter', () => {
  it('hides every message and stack trace in an encoded payload (which the codec encrypts)', () => {
    const failure = failureConverter.errorToFailure(
      new Error('550 mailbox ada@example.com unavailable'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(JSON.stringify(failure)).not.toContain('ada@example.com');
    expect(failureConverter.failureToError(failure, defaultPayloadConverter).message).toBe(
      '550 mailbox ada@example.com unavailable',
    );
  });

  it('keeps "payload erased" readable, also as a cause, so an erased run says why it cannot replay', () => {
    const erased = new PayloadKeyErasedError('key-1', new Date('2026-12-07T00:00:00Z'));
    expect(failureConverter.errorToFailure(erased, defaultPayloadConverter).message).toMatch(/^payload erased: /);
    const wrapped = new Error('activation failed', { cause: erased });
    expect(failureConverter.errorToFailure(wrapped, defaultPayloadConverter).message).toBe('activation failed');
  });
});
