/** One sync workflow per mailbox: the fixed id makes starting it idempotent, and names the tenant whose key encrypts it. */
export const mailboxSyncWorkflowId = (tenantId: string, mailboxId: string) => `mailbox-sync:${tenantId}:${mailboxId}`;
