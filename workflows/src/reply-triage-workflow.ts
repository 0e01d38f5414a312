import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import type { ReplyTriageWorkflowInput } from '@cadenza/contracts';
import type { ReplyTriage } from '@cadenza/core';

const { triageReply } = proxyActivities<Activities>({
  // The offline classifier answers in tens of milliseconds, the vendor model in a second or two;
  // the API waits for the answer, so a stuck attempt is cut short and retried once or twice.
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 3 },
});

/** Triages one reply for `POST /api/v1/ai/reply-triage` on the worker, where the models live. */
export async function replyTriageWorkflow(input: ReplyTriageWorkflowInput): Promise<ReplyTriage> {
  return triageReply(input);
}
