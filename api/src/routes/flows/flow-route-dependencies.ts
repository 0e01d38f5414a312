import type { Client } from '@temporalio/client';
import type { DataSource } from '@cadenza/activities/data';
import type { FlowCrmPort } from '@cadenza/activities/flow';

export interface FlowRouteDependencies {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  temporalUiUrl: string;
  crm: Pick<FlowCrmPort, 'loadContactSnapshot'>;
}
