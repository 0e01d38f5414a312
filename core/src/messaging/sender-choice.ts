import { z } from 'zod';

/**
 * Who sends a flow's email, as sales-engagement tools offer it:
 * - workspace: the workspace's default mailbox (else the built-in sender): what every flow did
 *   before the choice existed, so a stored flow without one keeps its behaviour;
 * - owner: the contact owner's own mailbox, falling back to the workspace default (or the
 *   built-in sender) when the owner has none;
 * - mailbox: one workspace mailbox, named by id;
 * - pool: a rotation pool, each send going to the member with the most room under its caps.
 */
export const SenderChoiceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('workspace') }),
    z.object({ kind: z.literal('owner') }),
    z.object({ kind: z.literal('mailbox'), mailboxId: z.uuid().describe('a workspace mailbox id') }),
    z.object({ kind: z.literal('pool'), poolId: z.uuid().describe('a rotation pool id') }),
  ])
  .describe(
    "Who sends: the workspace's default mailbox, the contact owner's mailbox, a chosen mailbox or a rotation pool",
  );
export type SenderChoice = z.infer<typeof SenderChoiceSchema>;

export const SENDER_KINDS = ['workspace', 'owner', 'mailbox', 'pool'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/**
 * What a message records about its sender: how it was chosen, and why the choice fell back
 * (null when it did not). "thread" means a threaded follow-up kept its parent's mailbox.
 */
export const SENDER_SOURCES = ['workspace', 'owner', 'mailbox', 'pool', 'thread'] as const;
export type SenderSource = (typeof SENDER_SOURCES)[number];
