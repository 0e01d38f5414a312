import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes): the OWASP-recommended shape. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, never a crash
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so signing in with an unknown email costs as much
 * time as a wrong password and response times do not reveal which emails exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('cadenza-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
