import { changedFields, withReplacedSecrets } from './changed-fields';

describe('changedFields', () => {
  it('keeps only the fields that differ, on both sides', () => {
    expect(changedFields({ name: 'a', port: 25, host: 'h' }, { name: 'b', port: 25, host: 'h' })).toEqual({
      before: { name: 'a' },
      after: { name: 'b' },
    });
  });

  it('sees a field added or removed as changed from or to null', () => {
    expect(changedFields({ fromName: 'X' }, { imap: { host: 'i' } })).toEqual({
      before: { fromName: 'X', imap: null },
      after: { fromName: null, imap: { host: 'i' } },
    });
  });

  it('compares nested objects by value and skips ignored fields', () => {
    expect(
      changedFields({ imap: { host: 'i' }, sync: { at: 1 } }, { imap: { host: 'i' }, sync: { at: 2 } }, ['sync']),
    ).toEqual({ before: {}, after: {} });
  });
});

describe('withReplacedSecrets', () => {
  it('says a secret changed without its value', () => {
    const change = withReplacedSecrets({ before: {}, after: {} }, { secret: true, imapPassword: false });
    expect(change).toEqual({ before: { secret: '(secret)' }, after: { secret: '(replaced)' } });
  });
});
