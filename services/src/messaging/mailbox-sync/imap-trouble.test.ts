import { QueryFailedError } from 'typeorm';
import { isImapTrouble } from './imap-trouble';

describe('isImapTrouble', () => {
  it("takes imapflow's sign-in, protocol and socket failures as the mailbox's state", () => {
    expect(isImapTrouble(Object.assign(new Error('Authentication failed'), { authenticationFailed: true }))).toBe(true);
    expect(isImapTrouble(Object.assign(new Error('Command failed'), { responseStatus: 'NO' }))).toBe(true);
    expect(isImapTrouble(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isImapTrouble(Object.assign(new Error('Connection not available'), { code: 'NoConnection' }))).toBe(true);
  });

  it('throws database and programming errors on, so the activity retries them', () => {
    const dbError = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('too many clients'), { code: '53300' }),
    );
    expect(isImapTrouble(dbError)).toBe(false);
    expect(isImapTrouble(new TypeError('x is undefined'))).toBe(false);
    expect(isImapTrouble(null)).toBe(false);
  });
});
