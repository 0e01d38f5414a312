import { randomUUID } from 'node:crypto';
import type { DataSource } from '@cadenza/data';

/**
 * Seeds `count` contacts with won/lost deals and email engagement. The planted signal: senior
 * titles that clicked mostly win, the rest mostly lose (a seeded 10% of each flips).
 */
export async function seedLeadOutcomes(
  db: DataSource,
  tenantId: string,
  count: number,
): Promise<{ hot: string; cold: string }> {
  const [pipeline] = (await db.query(`INSERT INTO pipelines (tenant_id, name) VALUES ($1, 'Sales') RETURNING id`, [
    tenantId,
  ])) as Array<{ id: string }>;
  const stages = (await db.query(
    `INSERT INTO pipeline_stages (tenant_id, pipeline_id, name, probability, position)
     VALUES ($1, $2, 'Won', 100, 0), ($1, $2, 'Lost', 0, 1) RETURNING id, name`,
    [tenantId, pipeline!.id],
  )) as Array<{ id: string; name: string }>;
  const stage = (name: string) => stages.find((s) => s.name === name)!.id;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const senior = i % 2 === 0;
    const clicked = i % 3 !== 0;
    const flip = i % 10 === 7;
    const won = senior && clicked ? !flip : flip;
    const [contact] = (await db.query(
      `INSERT INTO contacts (tenant_id, email, title) VALUES ($1, $2, $3) RETURNING id`,
      [tenantId, `lead${i}-${randomUUID()}@acme.test`, senior ? 'VP Sales' : 'Analyst'],
    )) as Array<{ id: string }>;
    ids.push(contact!.id);
    await db.query(
      `INSERT INTO messages (tenant_id, idempotency_key, contact_id, channel, provider, to_address, status,
         sent_at, opened_at, clicked_at)
       VALUES ($1, $2, $3, 'email', 'sink', 'x@acme.test', $4, now(), now(), $5)`,
      [tenantId, randomUUID(), contact!.id, clicked ? 'clicked' : 'opened', clicked ? new Date() : null],
    );
    await db.query(
      `INSERT INTO deals (tenant_id, name, pipeline_id, stage_id, contact_id) VALUES ($1, 'Deal', $2, $3, $4)`,
      [tenantId, pipeline!.id, stage(won ? 'Won' : 'Lost'), contact!.id],
    );
  }
  // i = 2: senior and clicked (i % 10 != 7); i = 3: junior, no click.
  return { hot: ids[2]!, cold: ids[3]! };
}
