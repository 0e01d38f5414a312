import type { DataSource, EntityManager } from 'typeorm';
import type { LeadOutcome, Principal } from '@cadenza/core';
import {
  latestLeadModel,
  loadLabelledLeads,
  loadLeadRecords,
  saveLeadModel,
  type StoredLeadModel,
} from '@cadenza/data';
import { scoreWithModel, trainLeadModel, type ModelScore } from '@cadenza/core/scoring';

/** Trains on the tenant's contacts with known outcomes and stores the result as its next version. */
export async function trainTenantLeadModel(
  db: DataSource,
  tenantId: string,
  outcome: LeadOutcome,
  trainedBy: string,
): Promise<StoredLeadModel> {
  const samples = await loadLabelledLeads(db, tenantId, outcome);
  return saveLeadModel(db, tenantId, trainLeadModel(samples, outcome, Date.now()), trainedBy);
}

export interface ContactModelScores {
  model: StoredLeadModel;
  scores: Map<string, ModelScore>;
}

/** Scores the named contacts the principal may see with the tenant's latest model; null without one. */
export async function scoreContactsWithModel(
  db: DataSource,
  principal: Principal,
  contactIds: readonly string[],
): Promise<ContactModelScores | null> {
  const model = await latestLeadModel(db, principal.tenantId);
  if (!model) return null;
  const leads = await loadLeadRecords(db, principal.tenantId, contactIds, principal);
  const now = Date.now();
  const scores = new Map([...leads].map(([id, lead]) => [id, scoreWithModel(model, lead, now)]));
  return { model, scores };
}

/** One contact scored by the tenant's latest model, for score_lead; null while the tenant has no model. */
export async function modelScoreOf(
  db: DataSource | EntityManager,
  tenantId: string,
  contactId: string,
): Promise<(ModelScore & { modelVersion: number; outcome: LeadOutcome }) | null> {
  const model = await latestLeadModel(db, tenantId);
  if (!model) return null;
  const lead = (await loadLeadRecords(db, tenantId, [contactId])).get(contactId);
  if (!lead) return null;
  return { ...scoreWithModel(model, lead, Date.now()), modelVersion: model.version, outcome: model.outcome };
}
