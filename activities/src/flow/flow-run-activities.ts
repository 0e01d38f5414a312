import type { DataSource } from 'typeorm';
import type { ContactSnapshot } from '@cadenza/core';
import { saveRunProjection, type RunProjection, type StepProjection } from '@cadenza/data';
import type { FlowCrmPort } from '@cadenza/services/flow';

/** Reads and projection writes of the interpreter; no side effects on the outside world. */
export function createFlowRunActivities(deps: { db: DataSource; crm: FlowCrmPort }) {
  return {
    async loadContactSnapshot(input: { tenantId: string; contactId: string }): Promise<ContactSnapshot> {
      return deps.crm.loadContactSnapshot(input.tenantId, input.contactId);
    },
    async syncRunProjection(input: { run: RunProjection; steps: StepProjection[] }): Promise<void> {
      await saveRunProjection(deps.db, input.run, input.steps);
    },
  };
}

export type FlowRunActivities = ReturnType<typeof createFlowRunActivities>;
