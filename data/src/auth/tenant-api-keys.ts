import type { DataSource } from 'typeorm';
import { NotFoundError, type ApiKeyView, type CreateApiKeyRequest } from '@cadenza/core';
import { generateApiKeySecret, hashApiKeySecret } from '../api-keys';
import type { ApiKey } from '../entities/api-key';
import { ApiKeyEntity } from '../entities/api-key';
import { recordAudit, type AuditContext } from '../audit/record-audit';

/** Admin view of a workspace's API keys: the secret is never read back, only its hash exists. */
const toView = (key: Pick<ApiKey, 'id' | 'name' | 'role' | 'createdAt' | 'revokedAt'>): ApiKeyView => ({
  id: key.id,
  name: key.name,
  role: key.role,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

export async function listTenantApiKeys(db: DataSource, tenantId: string): Promise<ApiKeyView[]> {
  const keys = await db.getRepository(ApiKeyEntity).find({
    where: { tenantId },
    select: { id: true, name: true, role: true, createdAt: true, revokedAt: true },
    order: { createdAt: 'ASC' },
  });
  return keys.map(toView);
}

/** Makes a key and returns its secret this one time; the audit entry names the key, never the secret. */
export async function issueTenantApiKey(
  db: DataSource,
  tenantId: string,
  input: CreateApiKeyRequest,
  audit?: AuditContext,
): Promise<{ apiKey: ApiKeyView; secret: string }> {
  const secret = generateApiKeySecret();
  return db.transaction(async (manager) => {
    const [row] = (await manager.query(
      `INSERT INTO api_keys (tenant_id, name, role, secret_hash) VALUES ($1, $2, $3, $4)
     RETURNING id, name, role, created_at, revoked_at`,
      [tenantId, input.name, input.role, hashApiKeySecret(secret)],
    )) as Array<{ id: string; name: string; role: ApiKey['role']; created_at: Date; revoked_at: Date | null }>;
    const apiKey = toView({
      id: row!.id,
      name: row!.name,
      role: row!.role,
      createdAt: row!.created_at,
      revokedAt: row!.revoked_at,
    });
    if (audit) {
      await recordAudit(manager, audit, {
        action: 'create',
        entity: 'api_key',
        entityId: apiKey.id,
        before: null,
        after: { name: apiKey.name, role: apiKey.role },
      });
    }
    return { apiKey, secret };
  });
}

/** Revokes a key of this workspace; another workspace's key id is simply not found. Idempotent. */
export async function revokeTenantApiKey(
  db: DataSource,
  tenantId: string,
  keyId: string,
  audit?: AuditContext,
): Promise<ApiKeyView> {
  return db.transaction(async (manager) => {
    const [rows] = (await manager.query(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND id = $2
     RETURNING id, name, role, created_at, revoked_at`,
      [tenantId, keyId],
    )) as [
      Array<{ id: string; name: string; role: ApiKey['role']; created_at: Date; revoked_at: Date | null }>,
      number,
    ];
    const row = rows[0];
    if (!row) throw new NotFoundError('API key', keyId);
    if (audit) {
      await recordAudit(manager, audit, {
        action: 'revoke',
        entity: 'api_key',
        entityId: row.id,
        before: { name: row.name, role: row.role },
        after: { revokedAt: row.revoked_at?.toISOString() ?? null },
      });
    }
    return toView({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at });
  });
}
