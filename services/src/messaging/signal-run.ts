import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { inboundEventSignal } from '@cadenza/contracts';
import type { SignalRun } from './inbound-intake';

/** Signals a run; a run that has already ended (not found) simply has nothing left to react. */
export const signalRunWith =
  (temporal: Client): SignalRun =>
  async (workflowId, event) => {
    try {
      await temporal.workflow.getHandle(workflowId).signal(inboundEventSignal, event);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  };
