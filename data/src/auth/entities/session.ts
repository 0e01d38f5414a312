import { EntitySchema } from 'typeorm';

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
 * leaked table cannot be replayed as cookies. The CSRF token is useless without the cookie.
 */
export interface Session {
  id: string;
  tokenHash: string;
  userId: string;
  tenantId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export const SessionEntity = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    tokenHash: { type: 'text', name: 'token_hash', unique: true },
    userId: { type: 'uuid', name: 'user_id' },
    tenantId: { type: 'uuid', name: 'tenant_id' },
    csrfToken: { type: 'text', name: 'csrf_token' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    expiresAt: { type: 'timestamptz', name: 'expires_at' },
  },
});
