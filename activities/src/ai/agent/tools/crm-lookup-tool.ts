import { z } from 'zod';
import type { ReadTool } from './agent-tool';

const RECENT_TIMELINE = 10;
const OPEN_DEALS = 10;

const CrmLookupInput = z.object({}).describe('No arguments: the agent always looks up the contact of its run');

/**
 * crm_lookup: the run's contact, its company, its open deals (stage probability neither 0 nor
 * 100) and its latest timeline entries. Every query names the run's tenant; the agent cannot
 * read another contact.
 */
export const crmLookupTool: ReadTool<typeof CrmLookupInput, 'crm_lookup'> = {
  name: 'crm_lookup',
  kind: 'read',
  description:
    'Reads the contact this run is about from the CRM: their fields, their company, their open deals and recent activity.',
  input: CrmLookupInput,
  async read(_args, { db, tenantId, contactId }) {
    const [contact] = (await db.query(
      `SELECT first_name, last_name, email, title, company_id, company_name, lifecycle_stage, lead_status, source,
              tags, score, custom_fields
         FROM contacts WHERE tenant_id = $1 AND id = $2`,
      [tenantId, contactId],
    )) as Array<Record<string, unknown> & { company_id: string | null }>;
    if (!contact) return { contact: null, company: null, openDeals: [], recentActivity: [] };
    const [company] = contact.company_id
      ? ((await db.query(`SELECT name, domain, industry, size FROM companies WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          contact.company_id,
        ])) as Array<Record<string, unknown>>)
      : [];
    const openDeals = (await db.query(
      `SELECT d.name, d.amount::float AS amount, d.currency, s.name AS stage, d.close_date::text AS "closeDate"
         FROM deals d JOIN pipeline_stages s ON s.tenant_id = d.tenant_id AND s.id = d.stage_id
        WHERE d.tenant_id = $1 AND d.contact_id = $2 AND coalesce(s.probability, 50) BETWEEN 1 AND 99
        ORDER BY d.created_at DESC LIMIT $3`,
      [tenantId, contactId, OPEN_DEALS],
    )) as Array<Record<string, unknown>>;
    const recentActivity = (await db.query(
      `SELECT kind, summary, occurred_at::text AS "occurredAt" FROM timeline_entries
        WHERE tenant_id = $1 AND contact_id = $2 ORDER BY occurred_at DESC, id LIMIT $3`,
      [tenantId, contactId, RECENT_TIMELINE],
    )) as Array<Record<string, unknown>>;
    return {
      contact: {
        firstName: contact.first_name,
        lastName: contact.last_name,
        email: contact.email,
        title: contact.title,
        company: contact.company_name,
        lifecycleStage: contact.lifecycle_stage,
        leadStatus: contact.lead_status,
        source: contact.source,
        tags: contact.tags,
        score: contact.score,
        custom: contact.custom_fields,
      },
      company: company ?? null,
      openDeals,
      recentActivity,
    };
  },
};
