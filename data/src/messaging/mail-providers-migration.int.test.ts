import { requireService } from '@cadenza/test-harness/service-env';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { createTenant } from '../tenants';

/**
 * MailProviders runs after MailboxBounces and re-keys both of its IMAP-keyed tables by
 * source_key: a database migrated from nothing, one upgraded from MailboxBounces with rows in
 * them, and one rolled back all migrate; the rows keep their keys.
 */
describe('MailProviders migration on top of MailboxBounces', () => {
  const name = `cadenza_migration_${process.pid}_${Date.now()}`;
  let admin: DataSource;
  let db: DataSource;

  beforeAll(async () => {
    admin = await createDataSource({ url: requireService('postgres'), poolSize: 1 }).initialize();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(requireService('postgres'));
    url.pathname = `/${name}`;
    db = await createDataSource({ url: url.toString(), poolSize: 1 }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin?.destroy();
  });

  const columnsOf = async (table: string) =>
    (
      (await db.query(
        `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY a.attname`,
        [table],
      )) as Array<{ name: string }>
    ).map((row) => row.name);

  it('migrates fresh, down to MailboxBounces with its rows, and up again with the rows re-keyed', async () => {
    await db.runMigrations({ transaction: 'each' });
    expect(await columnsOf('mailbox_imports')).toEqual(['mailbox_id', 'source_key']);
    expect(await columnsOf('mailbox_import_failures')).toEqual(['mailbox_id', 'source_key']);

    // Down to MailboxBounces: MailProviders and every migration after it, each down in turn.
    const lastMigration = async () =>
      ((await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as Array<{ name: string }>)[0]?.name;
    let undone = 0;
    while ((await lastMigration()) !== 'MailProviders1764301921000' && undone < 20) {
      await db.undoLastMigration({ transaction: 'each' });
      undone += 1;
    }
    await db.undoLastMigration({ transaction: 'each' });
    expect(await lastMigration()).toBe('MailboxBounces1764301830000');
    expect(await columnsOf('mailbox_import_failures')).toEqual(['mailbox_id', 'uid', 'uid_validity']);

    // Rows as the bounces release writes them, keyed by (UIDVALIDITY, UID).
    const tenantId = (await createTenant(db, 'migration')).id;
    const [mailbox] = (await db.query(
      `INSERT INTO mailboxes (tenant_id, kind, name, from_address, secure, imap_host) VALUES ($1, 'smtp', 'Rep', 'rep@acme.test', true, 'imap.acme.test') RETURNING id`,
      [tenantId],
    )) as Array<{ id: string }>;
    await db.query(
      `INSERT INTO mailbox_imports (mailbox_id, tenant_id, uid_validity, uid, kind, detail, content_hash) VALUES ($1, $2, 7, 42, 'loop', '{"cause":"x_loop"}', 'h')`,
      [mailbox!.id, tenantId],
    );
    await db.query(
      `INSERT INTO mailbox_import_failures (mailbox_id, tenant_id, uid_validity, uid, attempts, last_error) VALUES ($1, $2, 7, 43, 2, 'boom')`,
      [mailbox!.id, tenantId],
    );

    await db.runMigrations({ transaction: 'each' });
    expect(
      await db.query(`SELECT source_key, kind, content_hash FROM mailbox_imports WHERE mailbox_id = $1`, [mailbox!.id]),
    ).toEqual([{ source_key: '7:42', kind: 'loop', content_hash: 'h' }]);
    expect(
      await db.query(`SELECT source_key, attempts FROM mailbox_import_failures WHERE mailbox_id = $1`, [mailbox!.id]),
    ).toEqual([{ source_key: '7:43', attempts: 2 }]);
    expect(await columnsOf('mailbox_import_failures')).toEqual(['mailbox_id', 'source_key']);
    // A provider key needs no UID.
    await db.query(
      `INSERT INTO mailbox_import_failures (mailbox_id, tenant_id, source_key, attempts, last_error) VALUES ($1, $2, 'gmail:abc', 1, 'boom')`,
      [mailbox!.id, tenantId],
    );
  });
});
