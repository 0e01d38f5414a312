import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations: a workspace admin asks a person (by email) to join; the person accepts or
 * declines after signing in, so no workspace can add an account of another one on its own.
 * Sign-in devices: browsers that signed in to an account before; they skip the account's
 * progressive delay, so an attacker's failed guesses never keep the owner out.
 * `locked_until` keeps its name but now means "no untrusted attempt evaluated before".
 */
export class InvitationsAndSignInDevices1764301610000 implements MigrationInterface {
  name = 'InvitationsAndSignInDevices1764301610000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      role text NOT NULL CHECK (role IN ('admin', 'marketer', 'sales_rep', 'ops')),
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      -- The invitation created the account (the email had none): accepted at its first sign-in.
      creates_account boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      UNIQUE (tenant_id, email)
    )`);
    await db.query(`CREATE INDEX invitations_email_idx ON invitations (email)`);
    await db.query(`CREATE TABLE sign_in_devices (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      failed_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX sign_in_devices_user_idx ON sign_in_devices (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sign_in_devices`);
    await db.query(`DROP TABLE invitations`);
  }
}
