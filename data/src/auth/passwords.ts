import { hash, verify } from '@node-rs/argon2';
import { TryAgainError } from '@cadenza/core';
import { BoundedWorkQueue, QueueFullError, type BoundedWorkQueueLimits } from './bounded-work-queue';

/** Algorithm.Argon2id; the library's enum is an ambient const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

export const DEFAULT_PASSWORD_HASHING_LIMITS: BoundedWorkQueueLimits = { maxConcurrent: 2, maxWaiting: 16 };

/** Every argon2 hash and verify of this process goes through this one queue. */
let hashingQueue = new BoundedWorkQueue(DEFAULT_PASSWORD_HASHING_LIMITS);

/** The queue in use, for tests that check its bound. */
export const passwordHashingQueue = (): BoundedWorkQueue => hashingQueue;

/** The API sets its limits at boot (ARGON2_MAX_CONCURRENT, ARGON2_MAX_WAITING). */
export function configurePasswordHashing(limits: BoundedWorkQueueLimits): void {
  hashingQueue = new BoundedWorkQueue(limits);
}

/** A full queue answers 503 try_again at once; the client retries after a second. */
async function queued<T>(job: () => Promise<T>): Promise<T> {
  try {
    return await hashingQueue.run(job);
  } catch (error) {
    if (error instanceof QueueFullError) throw new TryAgainError(1);
    throw error;
  }
}

/**
 * argon2id at 64 MiB and 3 passes, the OWASP-recommended shape. @node-rs/argon2 ships its
 * binary as a per-platform package (no install script); the `argon2` package's prebuilt
 * binary crashed the process on this machine kind.
 */
export const hashPassword = (password: string): Promise<string> =>
  queued(() => hash(password, { algorithm: ARGON2ID, memoryCost: 65_536, timeCost: 3, parallelism: 4 }));

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return queued(async () => {
    try {
      return await verify(storedHash, password);
    } catch {
      return false; // a malformed stored hash is a failed sign-in, never a crash
    }
  });
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so signing in with an unknown email (or to an account
 * in its delay) costs as much time as a wrong password and response times do not reveal
 * which emails exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('cadenza-dummy-password-for-timing');
  const stored = await dummyHash.catch((error: unknown) => {
    dummyHash = undefined; // a full queue at first use must not poison every later call
    throw error;
  });
  await verifyPassword(stored, password);
}
