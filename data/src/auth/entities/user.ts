import { EntitySchema } from 'typeorm';

/**
 * A person who signs in. Users are global (one email, one password) and reach workspaces
 * through memberships. The TOTP secret is stored only encrypted (see secret-box.ts).
 */
export interface User {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string;
  totpSecretEncrypted: string | null;
  totpEnabled: boolean;
  /** Last TOTP time step accepted, so a code cannot be replayed within its window. */
  totpLastStep: string | null;
  failedLoginCount: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export const UserEntity = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    email: { type: 'text', unique: true },
    name: { type: 'text', nullable: true },
    passwordHash: { type: 'text', name: 'password_hash' },
    totpSecretEncrypted: { type: 'text', name: 'totp_secret_encrypted', nullable: true },
    totpEnabled: { type: 'boolean', name: 'totp_enabled', default: false },
    totpLastStep: { type: 'bigint', name: 'totp_last_step', nullable: true },
    failedLoginCount: { type: 'int', name: 'failed_login_count', default: 0 },
    lockedUntil: { type: 'timestamptz', name: 'locked_until', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
