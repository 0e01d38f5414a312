import { NotFoundError, readPath, UserError, type Principal, type WebhookRequest } from '@cadenza/core';
import { findContactByEmail, getContact, upsertContactByEmail } from '@cadenza/data';
import { getFlowVersion } from '@cadenza/data';
import { enrollContact, type EnrollmentDependencies, type EnrollmentOutcome } from '../enrollment';

export type WebhookPayload = WebhookRequest;

export type WebhookEnrollmentOutcome = EnrollmentOutcome & { contactId: string; contactCreated: boolean };

/** The email a webhook names: `email`, else the trigger's dotted path into the payload (e.g. "data.email"). */
export function webhookEmail(payload: WebhookPayload, contactEmailPath: string): string | null {
  if (payload.email) return payload.email;
  const value = readPath(payload, contactEmailPath.split('.'));
  return typeof value === 'string' && value.includes('@') ? value : null;
}

/**
 * An inbound webhook for a flow triggered by webhook_received: finds (or creates, by email)
 * the contact and enrolls it. The flow must be active and webhook-triggered (409 otherwise).
 */
export async function enrollFromWebhook(
  deps: EnrollmentDependencies,
  principal: Principal,
  flowId: string,
  payload: WebhookPayload,
): Promise<WebhookEnrollmentOutcome> {
  const pinned = await getFlowVersion(deps.db, principal.tenantId, flowId).catch((error: unknown) => {
    // Never published: as unable to take a webhook as a paused flow.
    if (error instanceof NotFoundError) throw error;
    throw new UserError('flow_not_active', `flow ${flowId} has no published version`, undefined, 409);
  });
  const trigger = pinned.definition.trigger;
  if (trigger.type !== 'webhook_received') {
    throw new UserError(
      'wrong_trigger',
      `flow ${flowId} is triggered by ${trigger.type}, not by a webhook`,
      { field: 'flowId' },
      409,
    );
  }
  if (pinned.flow.status !== 'active') {
    throw new UserError(
      'flow_not_active',
      `flow ${flowId} is ${pinned.flow.status}: it takes no new enrollments`,
      undefined,
      409,
    );
  }
  let contactId: string;
  let contactCreated = false;
  if (payload.contactId) {
    contactId = (await getContact(deps.db, principal, payload.contactId)).id;
  } else {
    const email = webhookEmail(payload, trigger.settings.contactEmailPath);
    if (!email) {
      throw new UserError(
        'invalid_request',
        `the webhook names no contact: send contactId, email or ${trigger.settings.contactEmailPath}`,
        {
          field: 'body.email',
        },
      );
    }
    // Look first so a known contact is left untouched (no update event, no source rewrite);
    // the upsert settles a race with another request creating the same email.
    const existing = await findContactByEmail(deps.db, principal, email);
    if (existing) contactId = existing.id;
    else {
      const upserted = await upsertContactByEmail(deps.db, principal, { email, source: 'webhook' });
      contactId = upserted.contact.id;
      contactCreated = upserted.created;
    }
  }
  const outcome = await enrollContact(deps, { tenantId: principal.tenantId, flowId, contactId, source: 'webhook' });
  return { ...outcome, contactId, contactCreated };
}
