import type { FlowValidationError } from '../flow/flow-errors';
import type { FlowDefinition } from '../flow/flow-definition';
import type { FlowValidationResult } from '../flow/validate-flow';

/** The workspace's senders a flow may name, by id. */
export interface KnownSenders {
  mailboxIds: ReadonlySet<string>;
  poolIds: ReadonlySet<string>;
}

/**
 * Save/publish check of each send_email's sender: a chosen mailbox must be one of the
 * workspace's mailboxes (not another tenant's, not a user's own: those send through "owner"),
 * a pool one of its pools. Names the node and the field, so the designer marks it.
 */
export function senderErrors(definition: FlowDefinition, known: KnownSenders): FlowValidationError[] {
  const errors: FlowValidationError[] = [];
  for (const node of definition.nodes) {
    if (node.type !== 'send_email') continue;
    const sender = node.settings.sender;
    if (sender.kind === 'mailbox' && !known.mailboxIds.has(sender.mailboxId)) {
      errors.push({
        code: 'invalid_setting',
        nodeId: node.id,
        path: 'settings.sender.mailboxId',
        message: `Node "${node.id}": sender.mailboxId: no workspace mailbox ${sender.mailboxId} (deleted, or a user's own mailbox).`,
      });
    }
    if (sender.kind === 'pool' && !known.poolIds.has(sender.poolId)) {
      errors.push({
        code: 'invalid_setting',
        nodeId: node.id,
        path: 'settings.sender.poolId',
        message: `Node "${node.id}": sender.poolId: no rotation pool ${sender.poolId} in this workspace.`,
      });
    }
  }
  return errors;
}

/** A validation result with the sender checks applied to a definition that passed the rest. */
export function withSenderChecks(result: FlowValidationResult, known: KnownSenders): FlowValidationResult {
  if (!result.ok) return result;
  const errors = senderErrors(result.definition, known);
  return errors.length > 0 ? { ok: false, errors } : result;
}
