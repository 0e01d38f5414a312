import { EntitySchema } from 'typeorm';

/**
 * A browser that signed in to an account: its cookie holds a random token, only the SHA-256
 * is stored. It has its own failure counter instead of the account's progressive delay.
 */
export interface SignInDevice {
  tokenHash: string;
  userId: string;
  failedCount: number;
  createdAt: Date;
  expiresAt: Date;
}

export const SignInDeviceEntity = new EntitySchema<SignInDevice>({
  name: 'SignInDevice',
  tableName: 'sign_in_devices',
  columns: {
    tokenHash: { type: 'text', primary: true, name: 'token_hash' },
    userId: { type: 'uuid', name: 'user_id' },
    failedCount: { type: 'int', name: 'failed_count' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    expiresAt: { type: 'timestamptz', name: 'expires_at' },
  },
});
