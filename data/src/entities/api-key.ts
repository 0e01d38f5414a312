import { EntitySchema } from 'typeorm';
import type { Role } from '@cadenza/core';

/**
 * A per-tenant key for server-to-server calls. Only a SHA-256 hash of the secret is
 * stored; the secret itself is shown once, when the key is made.
 */
export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const ApiKeyEntity = new EntitySchema<ApiKey>({
  name: 'ApiKey',
  tableName: 'api_keys',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    tenantId: { type: 'uuid', name: 'tenant_id' },
    name: { type: 'text' },
    role: { type: 'text', default: 'admin' },
    secretHash: { type: 'text', name: 'secret_hash', unique: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    revokedAt: { type: 'timestamptz', name: 'revoked_at', nullable: true },
  },
});
