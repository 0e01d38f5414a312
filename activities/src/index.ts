import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { createFlowActionActivities } from './flow/actions';
import { createFlowRunActivities } from './flow/flow-run-activities';
import { enrollContact } from '@cadenza/services/flow';
import { createBulkEnrollmentActivities } from './flow/bulk-enrollment-activities';
import { createTriggerActivities } from './flow/triggers/trigger-activities';
import type { FlowCrmPort } from '@cadenza/services/flow';
import { createSmokeActivities } from './smoke-activities';
import { createEventRetentionActivities } from './events/retention-activities';
import { createImportActivities } from './crm-import/import-activities';
import { createMessagingService } from '@cadenza/services/messaging';
import { countSends } from './messaging/counted-messaging';
import { createMailboxSyncActivities } from './messaging/mailbox-sync-activities';
import { NO_ACTIVITY_METRICS, type ActivityMetricsHooks } from './activity-metrics-hooks';
import { createAiActivities } from './ai/ai-activities';
import { createLeadScoringActivities } from './ai/scoring/lead-scoring-activities';
import { meterLlmTokens } from './llm-token-meter';
import { chatModelSourceOf } from './ai/chat-model-switch';
import { createEmbedder } from './ai/embedder-switch';
import { createKnowledgeActivities } from './ai/knowledge/knowledge-activities';
import type { ActivitySettings } from './activity-settings';
import type { KnowledgeSearch } from '@cadenza/services/ai';
import { workerKnowledgeSearch } from './ai/knowledge/worker-knowledge-search';
import { createReplyTriageActivities, type ReplyTriagerSource } from './flow/reply-triage/reply-triage-activities';
import { workerReplyTriager } from './flow/reply-triage/worker-reply-triager';

export { closeLocalEmbedder, closeLocalModel, createEmbedder, loadAiEnv, resolveActiveModel } from './ai';
export { scoreContactsWithModel } from '@cadenza/services/scoring';
export { NO_ACTIVITY_METRICS, type ActivityMetricsHooks } from './activity-metrics-hooks';
export { activitySettingsFromEnv, type ActivitySettings } from './activity-settings';

export interface ActivityDependencies {
  db: DataSource;
  /** The CRM as the flow engine sees it (contacts, tags, tasks, score). */
  crm: FlowCrmPort;
  /** For activities that start workflows themselves (enroll_in_flow). */
  temporal: Client;
  taskQueue: string;
  /** Messaging and LLM settings, parsed once at boot by the worker (activitySettingsFromEnv in tests). */
  settings: ActivitySettings;
  /** Send and LLM-token counters; the worker passes its Prometheus ones, tests may omit them. */
  metrics?: ActivityMetricsHooks;
  /** Who reads replies (reply triage); by default the offline classifier, built on first use. */
  replyTriager?: ReplyTriagerSource;
  /** Semantic search over workspace knowledge (the agent's knowledge_search tool); omitted: the worker's own, over its embedder. */
  knowledge?: KnowledgeSearch;
}

/** Every activity the workers register, built over shared dependencies. */
export function createActivities({
  db,
  crm,
  temporal,
  taskQueue,
  settings,
  metrics,
  replyTriager,
  knowledge,
}: ActivityDependencies) {
  const enroll = (request: Parameters<typeof enrollContact>[1]) =>
    enrollContact({ db, temporal, taskQueue, crm }, request);
  const chatModel = chatModelSourceOf(settings.ai, settings.egress);
  const triager = replyTriager ?? workerReplyTriager(settings, chatModel);
  // Taken when first needed: the local embedding model's host starts then, not at worker boot.
  const embedder = () => createEmbedder(settings.ai, settings.egress).embedder;
  const activities = {
    ...createFlowRunActivities({ db, crm }),
    ...createFlowActionActivities({
      db,
      crm,
      enroll,
      egress: settings.egress,
      messaging: countSends(
        createMessagingService({ db, settings: settings.messaging, egress: settings.egress }),
        metrics ?? NO_ACTIVITY_METRICS,
      ),
      chatModel,
      knowledge: knowledge ?? workerKnowledgeSearch(db, settings),
      replyTriager: triager,
    }),
    ...createReplyTriageActivities({ db, temporal, replyTriager: triager }),
    ...createBulkEnrollmentActivities(enroll),
    ...createTriggerActivities({ db, crm, enroll }),
    ...createSmokeActivities(db),
    ...createEventRetentionActivities(db),
    ...createImportActivities(db),
    ...createAiActivities({ db, chatModel, ai: settings.ai, egress: settings.egress }),
    ...createLeadScoringActivities(db),
    ...createMailboxSyncActivities({ db, temporal, settings }),
    ...createKnowledgeActivities({ db, embedder }),
  };
  // Every LLM call inside these activities reports its tokens to the worker's counter.
  return meterLlmTokens(activities, (metrics ?? NO_ACTIVITY_METRICS).llmTokens);
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActionInputOf, FlowActionInput, FlowActionResult } from './flow/flow-action-input';
export { workerKnowledgeSearch } from './ai/knowledge/worker-knowledge-search';
export type { ReadReplyResult, ReplyTriagerSource } from './flow/reply-triage/reply-triage-activities';
