import type { ContactScore } from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';
import { requireContact } from '../crm/contacts';

interface ScoreStepRow {
  enrollment_id: string;
  flow_id: string;
  explanation: string | null;
  ended_at: Date | null;
}

/**
 * A contact's score with the explanation of the latest AI score_lead step that ran for it
 * (the score itself lives on the contact; the model's reason lives in the step's result).
 */
export async function getContactScore(db: Db, principal: CrmPrincipal, contactId: string): Promise<ContactScore> {
  const manager = managerOf(db);
  const contact = await requireContact(manager, principal, contactId);
  const [step] = (await manager.query(
    `SELECT s.enrollment_id, r.flow_id, s.ended_at,
            coalesce(s.result->>'explanation', s.result->'value'->>'explanation') AS explanation
     FROM flow_runs r JOIN flow_step_runs s ON s.enrollment_id = r.enrollment_id AND s.tenant_id = r.tenant_id
     WHERE r.tenant_id = $1 AND r.contact_id = $2 AND NOT r.test_mode
       AND s.node_type = 'score_lead' AND s.status = 'completed'
     ORDER BY s.ended_at DESC NULLS LAST LIMIT 1`,
    [principal.tenantId, contactId],
  )) as ScoreStepRow[];
  return {
    score: contact.score,
    explanation: step?.explanation ?? null,
    scoredAt: step?.ended_at ? step.ended_at.toISOString() : null,
    enrollmentId: step?.enrollment_id ?? null,
    flowId: step?.flow_id ?? null,
  };
}
