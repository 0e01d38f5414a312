import type { Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import type { Contact, ReplyAct } from '@cadenza/core';
import { unenrollSignal } from '@cadenza/contracts';
import {
  changeDealStage,
  createContact,
  createTask,
  findContactByEmail,
  getContact,
  once,
  onceInDatabase,
  suppressAddress,
  type CrmPrincipal,
} from '@cadenza/data';
import { actSummary, referralName } from './reply-reading-summary';
import { addTimelineEntry } from './timeline-entry';

export interface ReplyActInput {
  /** sideEffectKey(enrollment, `reply:<messageId>`, 1): one act per reply and run, whatever retries. */
  key: string;
  tenantId: string;
  enrollmentId: string;
  contactId: string;
  /** The email of this run the reply answers. */
  messageId: string;
  testMode: boolean;
  act: ReplyAct;
}

export interface ReplyActResult {
  /** What was done (or, in a test run, would have been). */
  result: unknown;
  captured: boolean;
  performed: boolean;
}

interface ActContext {
  manager: EntityManager;
  principal: CrmPrincipal;
  contact: Contact;
  input: ReplyActInput;
}

const contactName = (contact: Contact) =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || 'The contact';

/** Loose but safe: a classifier's referral is used only when it looks like one address. */
const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** A task for the contact's owner (unassigned when the contact has none). */
const ownerTask = (ctx: ActContext, title: string, contactId = ctx.contact.id) =>
  createTask(ctx.manager, ctx.principal, {
    title: title.slice(0, 300),
    contactId,
    assigneeId: ctx.contact.ownerId ?? null,
    dueAt: null,
  });

/**
 * Each act's CRM writes, in the transaction that takes the act's key (so a worker killed
 * mid-act and retried writes nothing twice). One entry per act: a new act fails to compile
 * until it is handled here.
 */
const ACTS: { [A in ReplyAct['act']]: (ctx: ActContext, act: Extract<ReplyAct, { act: A }>) => Promise<object> } = {
  pause: async (_ctx, act) => ({ pausedUntil: act.until }),
  snooze: async (_ctx, act) => ({ snoozedUntil: act.until }),
  none: async () => ({}),
  unsubscribe: async (ctx) => {
    const [message] = (await ctx.manager.query(`SELECT to_address FROM messages WHERE id = $1 AND tenant_id = $2`, [
      ctx.input.messageId,
      ctx.input.tenantId,
    ])) as Array<{ to_address: string }>;
    const addresses = [...new Set([ctx.contact.email, message?.to_address].filter((a): a is string => !!a))];
    for (const address of addresses)
      await suppressAddress(ctx.manager, ctx.input.tenantId, address, 'unsubscribed', ctx.input.messageId);
    return { suppressed: addresses };
  },
  refer: async (ctx, act) => {
    const email = act.referral.email?.trim().toLowerCase();
    let referred: Contact | null = null;
    let created = false;
    if (email && ADDRESS.test(email)) {
      // One contact per email per workspace (contacts_email_uq): an existing one is used, never doubled.
      referred = await findContactByEmail(ctx.manager, ctx.principal, email);
      if (!referred) {
        const [firstName, ...rest] = (act.referral.name ?? '').trim().split(/\s+/).filter(Boolean);
        referred = await createContact(ctx.manager, ctx.principal, {
          email,
          firstName: firstName?.slice(0, 100),
          lastName: rest.join(' ').slice(0, 100) || undefined,
          companyId: ctx.contact.companyId,
          ownerId: ctx.contact.ownerId,
          source: 'reply_referral',
        });
        created = true;
      }
    }
    const task = await ownerTask(
      ctx,
      `${contactName(ctx.contact)} says ${referralName(act.referral)} is the right person`,
      referred?.id ?? ctx.contact.id,
    );
    return { referredContactId: referred?.id ?? null, contactCreated: created, taskId: task.id };
  },
  interested: async (ctx, act) => {
    const task = act.createTask
      ? await ownerTask(ctx, `${contactName(ctx.contact)} is interested: follow up on the reply`)
      : null;
    let dealId: string | null = null;
    if (act.moveDealToStage) {
      // The contact's most recently updated open deal (a stage at 0% or 100% is closed) in the stage's pipeline.
      const [deal] = (await ctx.manager.query(
        `SELECT d.id FROM deals d
         JOIN pipeline_stages target ON target.tenant_id = d.tenant_id AND target.id = $3 AND target.pipeline_id = d.pipeline_id
         JOIN pipeline_stages current ON current.tenant_id = d.tenant_id AND current.id = d.stage_id
         WHERE d.tenant_id = $1 AND d.contact_id = $2 AND coalesce(current.probability, 50) NOT IN (0, 100)
         ORDER BY d.updated_at DESC LIMIT 1`,
        [ctx.input.tenantId, ctx.contact.id, act.moveDealToStage],
      )) as Array<{ id: string }>;
      if (deal) {
        await changeDealStage(ctx.manager, ctx.principal, deal.id, { stageId: act.moveDealToStage });
        dealId = deal.id;
      }
    }
    return { taskId: task?.id ?? null, movedDealId: dealId };
  },
  review: async (ctx) => {
    const task = await ownerTask(ctx, `Review this reply from ${contactName(ctx.contact)}: the reading was unsure`);
    return { taskId: task.id };
  },
};

/**
 * Performs the act a reply led to, once per key: its CRM writes and a timeline entry in one
 * transaction; then, for an unsubscribe, tells every other open run of the contact in this
 * workspace to leave (signals after commit; a repeated signal is harmless). A test run records
 * what it would have done.
 */
export async function actOnReply(db: DataSource, temporal: Client, input: ReplyActInput): Promise<ReplyActResult> {
  const principal: CrmPrincipal = {
    tenantId: input.tenantId,
    userId: null,
    role: 'admin',
    via: 'api_key',
    actor: { kind: 'workflow', id: input.enrollmentId },
  };
  const claim = {
    key: input.key,
    tenantId: input.tenantId,
    enrollmentId: input.enrollmentId,
    nodeType: 'reply_triage',
  };
  const record = input.testMode
    ? await once(db, { ...claim, captured: true }, async () => ({ wouldDo: input.act }))
    : await onceInDatabase(db, { ...claim, captured: false }, async (manager) => {
        const contact = await getContact(manager, principal, input.contactId);
        const done = await (ACTS[input.act.act] as (ctx: ActContext, act: ReplyAct) => Promise<object>)(
          { manager, principal, contact, input },
          input.act,
        );
        const summary = actSummary(input.act);
        if (summary)
          await addTimelineEntry(manager, principal, contact.id, {
            kind: 'ai_action',
            summary,
            data: { messageId: input.messageId, act: input.act, ...done },
          });
        return { act: input.act.act, ...done };
      });
  if (input.act.act === 'unsubscribe' && !input.testMode) await unenrollEverywhere(db, temporal, input);
  return record;
}

/** Every other open (not test) run of the contact in the workspace leaves, as after an unsubscribe link. */
async function unenrollEverywhere(db: DataSource, temporal: Client, input: ReplyActInput): Promise<void> {
  const open = (await db.query(
    `SELECT workflow_id FROM flow_runs
     WHERE tenant_id = $1 AND contact_id = $2 AND enrollment_id <> $3 AND ended_at IS NULL AND NOT test_mode`,
    [input.tenantId, input.contactId, input.enrollmentId],
  )) as Array<{ workflow_id: string }>;
  await Promise.all(
    open.map(
      (run) =>
        temporal.workflow
          .getHandle(run.workflow_id)
          .signal(unenrollSignal, { reason: 'unsubscribe', detail: 'asked in a reply' })
          .catch(() => undefined), // ended meanwhile: nothing to leave
    ),
  );
}
