import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id; the library's enum is an ambient const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

/**
 * argon2id at 64 MiB and 3 passes, the OWASP-recommended shape. @node-rs/argon2 ships its
 * binary as a per-platform package (no install script); the `argon2` package's prebuilt
 * binary crashed the process on this machine kind.
 */
export const hashPassword = (password: string): Promise<string> =>
  hash(password, { algorithm: ARGON2ID, memoryCost: 65_536, timeCost: 3, parallelism: 4 });

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
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
