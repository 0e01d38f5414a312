import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { createFlowActionActivities } from './flow/flow-action-activities';
import { createFlowRunActivities } from './flow/flow-run-activities';
import { enrollContact } from './flow/enrollment';
import { createBulkEnrollmentActivities } from './flow/bulk-enrollment-activities';
import { createTriggerActivities } from './flow/triggers/trigger-activities';
import type { FlowCrmPort } from './flow/flow-crm-port';
import { createSmokeActivities } from './smoke-activities';
import { createEventRetentionActivities } from './data/events/retention-activities';
import { createImportActivities } from './crm-import/import-activities';
import { createMessagingService } from './messaging/messaging-service';
import { countSends } from './messaging/counted-messaging';
import { NO_ACTIVITY_METRICS, type ActivityMetricsHooks } from './activity-metrics-hooks';
import { createAiActivities } from './ai/ai-activities';
import { createLeadScoringActivities } from './ai/scoring/lead-scoring-activities';
import { meterLlmTokens } from './llm-token-meter';

export { closeLocalModel, loadAiEnv, resolveActiveModel } from './ai';
export { scoreContactsWithModel } from './ai/scoring/lead-scoring-service';
export { NO_ACTIVITY_METRICS, type ActivityMetricsHooks } from './activity-metrics-hooks';

export interface ActivityDependencies {
  db: DataSource;
  /** The CRM as the flow engine sees it (contacts, tags, tasks, score). */
  crm: FlowCrmPort;
  /** For activities that start workflows themselves (enroll_in_flow). */
  temporal: Client;
  taskQueue: string;
  /** Send and LLM-token counters; the worker passes its Prometheus ones, tests may omit them. */
  metrics?: ActivityMetricsHooks;
}

/** Every activity the workers register, built over shared dependencies. */
export function createActivities({ db, crm, temporal, taskQueue, metrics }: ActivityDependencies) {
  const enroll = (request: Parameters<typeof enrollContact>[1]) =>
    enrollContact({ db, temporal, taskQueue, crm }, request);
  const activities = {
    ...createFlowRunActivities({ db, crm }),
    // Messaging settings (sink, providers, tracking key) are read from the environment on first send.
    ...createFlowActionActivities({
      db,
      crm,
      enroll,
      messaging: countSends(createMessagingService({ db }), metrics ?? NO_ACTIVITY_METRICS),
    }),
    ...createBulkEnrollmentActivities(enroll),
    ...createTriggerActivities({ db, crm, enroll }),
    ...createSmokeActivities(db),
    ...createEventRetentionActivities(db),
    ...createImportActivities(db),
    ...createAiActivities({ db }),
    ...createLeadScoringActivities(db),
  };
  // Every LLM call inside these activities reports its tokens to the worker's counter.
  return meterLlmTokens(activities, (metrics ?? NO_ACTIVITY_METRICS).llmTokens);
}

export type Activities = ReturnType<typeof createActivities>;
