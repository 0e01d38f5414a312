import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ConflictError, type Principal } from '@cadenza/core';
import { decideAndSignal } from '../../api/src/routes/ai/approval-decision';
import { demoUsers } from './demo-data';
import { AI_CHAIN_FLOW_NAME } from './demo-flows';
import { demoAiLeadEmails } from './demo-enrollments';
import { DEMO_TENANT_ID } from './seed-demo';

/** Drafts the seed approves as the marketer, so the outbox has mail even outside business hours. */
export const DEMO_AUTO_APPROVED = 2;

/** The AI leads whose drafts the seed approves: the first ones, so the first state is the same every time. */
export const demoAutoApprovedEmails = (): string[] => demoAiLeadEmails().slice(0, DEMO_AUTO_APPROVED);

export interface DemoApprovalOptions {
  tenantId?: string;
  userTag?: string;
  /** How long to wait for the local model's drafts before giving up. */
  timeoutMs?: number;
  pollMs?: number;
  /** Told once, when the first draft of the AI flow is in the inbox (ms since the call). */
  onFirstDraft?: (afterMs: number) => void;
}

export interface DemoApprovalResult {
  /** Approved now, by the marketer. */
  approved: number;
  /** Already decided (by a person in the inbox, or an earlier call): left as they are. */
  alreadyDecided: number;
  /** Failed the quality gate: left pending for a person to edit, never sent by the seed. */
  heldBack: number;
  /** Whether any draft of the AI flow had been decided before this call. */
  skipped: boolean;
}

interface DraftRow {
  id: string;
  status: string;
  email: string;
  /** The gate's verdict; null for a draft written before the gate, which the seed does not send either. */
  passed: boolean | null;
}

async function marketerPrincipal(db: DataSource, tenantId: string, userTag?: string): Promise<Principal> {
  const email = demoUsers(userTag).find((user) => user.role === 'marketer')!.email;
  const [row] = (await db.query(
    `SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = $1 AND m.role = 'marketer' AND lower(u.email) = lower($2)`,
    [tenantId, email],
  )) as Array<{ id: string }>;
  if (!row) throw new Error(`the demo workspace has no marketer ${email}`);
  return { tenantId, userId: row.id, role: 'marketer', via: 'session' };
}

/**
 * The seed's part of the first state: once the worker's local model has written the drafts of
 * the first two AI leads, the demo marketer approves those that passed the quality gate through the same decision service as
 * the approvals API (timeline and audit name the marketer), so the waiting runs send them through
 * the real send path. Does nothing when anyone has decided a draft of the AI flow already: the
 * workspace is then the user's. Safe to call again (a decided draft is never decided twice).
 */
export async function approveDemoDrafts(
  db: DataSource,
  temporal: Client,
  options: DemoApprovalOptions = {},
): Promise<DemoApprovalResult> {
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const startedAt = Date.now();
  const deadline = startedAt + (options.timeoutMs ?? 20 * 60_000);
  const [flow] = (await db.query(`SELECT id FROM flows WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    AI_CHAIN_FLOW_NAME,
  ])) as Array<{ id: string }>;
  if (!flow) throw new Error(`the demo workspace is not seeded: no flow "${AI_CHAIN_FLOW_NAME}"`);
  const [decided] = (await db.query(
    `SELECT count(*)::int AS n FROM ai_approvals WHERE tenant_id = $1 AND flow_id = $2 AND status <> 'pending'`,
    [tenantId, flow.id],
  )) as Array<{ n: number }>;
  if (decided!.n > 0) return { approved: 0, alreadyDecided: 0, heldBack: 0, skipped: true };

  const principal = await marketerPrincipal(db, tenantId, options.userTag);
  const wanted = new Set(demoAutoApprovedEmails());
  const result: DemoApprovalResult = { approved: 0, alreadyDecided: 0, heldBack: 0, skipped: false };
  let firstDraftSeen = false;
  while (wanted.size > 0) {
    const drafts = (await db.query(
      `SELECT a.id, a.status, lower(c.email) AS email, (a.draft_review->'verdict'->>'pass')::boolean AS passed
         FROM ai_approvals a
         JOIN contacts c ON c.id = a.contact_id AND c.tenant_id = a.tenant_id
        WHERE a.tenant_id = $1 AND a.flow_id = $2`,
      [tenantId, flow.id],
    )) as DraftRow[];
    if (drafts.length > 0 && !firstDraftSeen) {
      firstDraftSeen = true;
      options.onFirstDraft?.(Date.now() - startedAt);
    }
    for (const draft of drafts.filter((row) => wanted.has(row.email))) {
      wanted.delete(draft.email);
      if (draft.status !== 'pending') {
        result.alreadyDecided++;
        continue;
      }
      // The marketer only sends what passed the quality gate; a failing draft waits for a person's edit.
      if (draft.passed !== true) {
        result.heldBack++;
        continue;
      }
      try {
        await decideAndSignal({ db, temporal }, principal, draft.id, { action: 'approve' });
        result.approved++;
      } catch (error) {
        // Someone in the inbox was quicker, or the run ended: the draft is decided either way.
        if (!(error instanceof ConflictError)) throw error;
        result.alreadyDecided++;
      }
    }
    if (wanted.size === 0) break;
    if (Date.now() > deadline) {
      throw new Error(
        `no AI draft for ${[...wanted].join(', ')} after ${Math.round((Date.now() - startedAt) / 1000)} s`,
      );
    }
    await sleep(options.pollMs ?? 1000);
  }
  return result;
}
