import { randomBytes, randomUUID } from 'node:crypto';
import { createTenant, getMailbox, type DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { ensureDemoMailbox } from './demo-mailbox';

describe("the demo's local mailbox", () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("is the rep's default mailbox, listening on the local IMAP server, made once, its password sealed", async () => {
    const tenantId = (await createTenant(db, `demo-mailbox-${randomUUID()}`)).id;
    const local = { sinkPort: 2525, imapPort: 1143, imapPassword: `pw-${randomUUID()}`, secretKey: randomBytes(32) };
    const userTag = `mb${tenantId.slice(0, 8)}`;
    const first = await ensureDemoMailbox(db, tenantId, local, userTag);
    expect(first.created).toBe(true);
    const view = await getMailbox(db, tenantId, first.id);
    expect(view).toMatchObject({
      kind: 'smtp',
      fromAddress: `sales+${userTag}@demo.cadenza.local`,
      fromName: 'Sam Sales',
      host: '127.0.0.1',
      port: 2525,
      isDefault: true,
      imap: { host: '127.0.0.1', port: 1143, secure: false, hasPassword: true },
    });
    const [row] = (await db.query(`SELECT imap_secret_sealed FROM mailboxes WHERE id = $1`, [first.id])) as Array<{
      imap_secret_sealed: string;
    }>;
    expect(row!.imap_secret_sealed).not.toContain(local.imapPassword);
    // A second start (or reset) finds it and makes no second one.
    expect(await ensureDemoMailbox(db, tenantId, local, userTag)).toEqual({ id: first.id, created: false });
  });
});
