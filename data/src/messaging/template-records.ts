import { NotFoundError, type Contact } from '@cadenza/core';
import { CONTACT_COLUMNS, toContact, type ContactSqlRow } from '../crm/contacts';
import type { Db } from '../crm/crm-write';

/** What a send template is rendered from, as stored: the contact and the records around it. */
export interface TemplateRecords {
  contact: Contact;
  company: { id: string; name: string; domain: string | null; industry: string | null; size: number | null } | null;
  deal: {
    id: string;
    name: string;
    amount: number | null;
    currency: string;
    stage: string;
    pipeline: string;
    probability: number | null;
    closeDate: string | null;
  } | null;
  owner: { id: string; name: string | null; email: string } | null;
  /** The mailbox a send would use (null: the built-in sink, or no default among several). */
  mailbox: { name: string | null; email: string } | null;
  /** Keys of the tenant's custom fields, so a contact without a value still has the variable (null). */
  customFieldKeys: string[];
  /** The tenant's snippets, body by name. */
  snippets: Record<string, string>;
}

type Row = ContactSqlRow & Omit<TemplateRecords, 'contact'>;

/**
 * Everything a send template can read, in one round trip (run it on the send's transaction):
 * - company: the one the contact's company_id links;
 * - deal: the contact's most relevant open deal, i.e. of the deals whose contact_id is the
 *   contact and whose stage is open (probability unset or 1..99: 0 means lost, 100 won), the
 *   most recently updated (ties: the higher id, so the choice is stable);
 * - owner: the contact's owner, only if that user is a member of this tenant (users are global);
 * - mailbox: the workspace's, chosen as mailboxForSending chooses (the default, else the only one);
 *   a send from another mailbox (owner, chosen, pool) overrides it with the one it uses.
 * Every subquery is filtered by the contact's tenant.
 */
export async function loadTemplateRecords(db: Db, tenantId: string, contactId: string): Promise<TemplateRecords> {
  const rows = (await db.query(
    `SELECT ${CONTACT_COLUMNS},
       (SELECT json_build_object('id', co.id, 'name', co.name, 'domain', co.domain, 'industry', co.industry,
                 'size', co.size)
          FROM companies co WHERE co.tenant_id = c.tenant_id AND co.id = c.company_id) AS company,
       (SELECT json_build_object('id', d.id, 'name', d.name, 'amount', d.amount, 'currency', d.currency,
                 'stage', s.name, 'pipeline', p.name, 'probability', s.probability, 'closeDate', d.close_date)
          FROM deals d
          JOIN pipeline_stages s ON s.tenant_id = d.tenant_id AND s.id = d.stage_id
          JOIN pipelines p ON p.tenant_id = d.tenant_id AND p.id = d.pipeline_id
          WHERE d.tenant_id = c.tenant_id AND d.contact_id = c.id
            AND (s.probability IS NULL OR s.probability BETWEEN 1 AND 99)
          ORDER BY d.updated_at DESC, d.id DESC LIMIT 1) AS deal,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email)
          FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = c.tenant_id
          WHERE u.id = c.owner_id) AS owner,
       (SELECT json_build_object('name', mb.from_name, 'email', mb.from_address)
          FROM (SELECT from_name, from_address, is_default, count(*) OVER () AS n FROM mailboxes
                WHERE tenant_id = c.tenant_id AND owner_user_id IS NULL
                ORDER BY is_default DESC, created_at LIMIT 1) mb
          WHERE mb.is_default OR mb.n = 1) AS mailbox,
       (SELECT coalesce(json_agg(f.key ORDER BY f.key), '[]'::json)
          FROM custom_field_definitions f WHERE f.tenant_id = c.tenant_id) AS "customFieldKeys",
       (SELECT coalesce(json_object_agg(t.name, t.body), '{}'::json)
          FROM template_snippets t WHERE t.tenant_id = c.tenant_id) AS snippets
     FROM contacts c WHERE c.tenant_id = $1 AND c.id = $2::uuid`,
    [tenantId, contactId],
  )) as Row[];
  const row = rows[0];
  if (!row) throw new NotFoundError('contact', contactId);
  return {
    contact: toContact(row),
    company: row.company,
    deal: row.deal,
    owner: row.owner,
    mailbox: row.mailbox,
    customFieldKeys: row.customFieldKeys,
    snippets: row.snippets,
  };
}
