import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data keys that encrypt Temporal payloads, stored wrapped by the key-encryption key. One
 * row per (scope, version): scope is a contact (tenant and contact set), a tenant (contact null)
 * or the platform (both null). Ids are text, not foreign keys: a key outlives nothing it
 * protects, and a GDPR erase destroys it by nulling `wrapped_key` (the row stays, so a decode
 * can say "erased" rather than "unknown"). Deleting a tenant deletes its keys (trigger below),
 * which shreds every payload of the tenant at once.
 */
export class PayloadKeys1764301700000 implements MigrationInterface {
  name = 'PayloadKeys1764301700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE payload_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id text,
      contact_id text,
      version integer NOT NULL CHECK (version >= 1),
      wrapped_key bytea,
      kek_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- No longer used to encrypt (a newer version exists); still decrypts until retired for good.
      rotated_at timestamptz,
      shredded_at timestamptz,
      CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL)),
      CHECK (contact_id IS NULL OR tenant_id IS NOT NULL)
    )`);
    await db.query(`CREATE UNIQUE INDEX payload_keys_scope_version_idx
      ON payload_keys (coalesce(tenant_id, ''), coalesce(contact_id, ''), version)`);
    await db.query(`CREATE FUNCTION shred_payload_keys_of_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM payload_keys WHERE tenant_id = OLD.id::text;
        RETURN OLD;
      END $$`);
    await db.query(`CREATE TRIGGER tenants_shred_payload_keys AFTER DELETE ON tenants
      FOR EACH ROW EXECUTE FUNCTION shred_payload_keys_of_tenant()`);
    // Decoding a contact's payloads for a person (the Temporal UI's codec server) is audited as a read.
    await db.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await db.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'delete', 'read'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM audit_log WHERE action = 'read'`);
    await db.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await db.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'delete'))`,
    );
    await db.query(`DROP TRIGGER tenants_shred_payload_keys ON tenants`);
    await db.query(`DROP FUNCTION shred_payload_keys_of_tenant()`);
    await db.query(`DROP TABLE payload_keys`);
  }
}
