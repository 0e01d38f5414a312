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

export interface ActivityDependencies {
  db: DataSource;
  /** The CRM as the flow engine sees it (contacts, tags, tasks, score). */
  crm: FlowCrmPort;
  /** For activities that start workflows themselves (enroll_in_flow). */
  temporal: Client;
  taskQueue: string;
}

/** Every activity the workers register, built over shared dependencies. */
export function createActivities({ db, crm, temporal, taskQueue }: ActivityDependencies) {
  const enroll = (request: Parameters<typeof enrollContact>[1]) =>
    enrollContact({ db, temporal, taskQueue, crm }, request);
  return {
    ...createFlowRunActivities({ db, crm }),
    // Messaging settings (sink, providers, tracking key) are read from the environment on first send.
    ...createFlowActionActivities({ db, crm, enroll, messaging: createMessagingService({ db }) }),
    ...createBulkEnrollmentActivities(enroll),
    ...createTriggerActivities({ db, crm, enroll }),
    ...createSmokeActivities(db),
    ...createEventRetentionActivities(db),
    ...createImportActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
