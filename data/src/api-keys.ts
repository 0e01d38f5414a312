import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '@cadenza/core';
import { ApiKeyEntity } from './entities/api-key';

const KEY_PREFIX = 'cdz_';

/** Keys carry 256 bits of randomness, so a fast hash is enough to store them safely. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKeySecret(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Makes a key for a tenant and returns the secret, which is never stored. */
export async function createApiKey(
  db: DataSource,
  tenantId: string,
  name: string,
  role: Role = 'admin',
): Promise<string> {
  const secret = generateApiKeySecret();
  await db.getRepository(ApiKeyEntity).insert({ tenantId, name, role, secretHash: hashApiKeySecret(secret) });
  return secret;
}

/** Stores a key whose secret the caller already holds (the launcher's persisted dev key). */
export async function registerApiKey(db: DataSource, tenantId: string, name: string, secret: string): Promise<void> {
  await db
    .getRepository(ApiKeyEntity)
    .createQueryBuilder()
    .insert()
    .values({ tenantId, name, secretHash: hashApiKeySecret(secret) })
    .orIgnore()
    .execute();
}

/** The tenant and role of a live key, or null for an unknown or revoked key. */
export async function findApiKeyGrant(
  db: DataSource,
  secret: string,
): Promise<{ id: string; tenantId: string; role: Role } | null> {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const key = await db.getRepository(ApiKeyEntity).findOne({
    where: { secretHash: hashApiKeySecret(secret) },
    select: { id: true, tenantId: true, role: true, revokedAt: true },
  });
  return key && !key.revokedAt ? { id: key.id, tenantId: key.tenantId, role: key.role } : null;
}
