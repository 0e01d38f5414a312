import { hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('stores an argon2id hash that verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'correct horse battery!')).resolves.toBe(false);
  });

  it('treats a malformed stored hash as a failed check', async () => {
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
  });
});
