import type { Client } from '@temporalio/client';
import type { EgressAllowList } from '@cadenza/core';
import type { DataSource } from '@cadenza/data';
import type { FlowCrmPort } from '@cadenza/services/flow';

export interface FlowRouteDependencies {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  temporalUiUrl: string;
  crm: Pick<FlowCrmPort, 'loadContactSnapshot'>;
  /** The egress allow list save and publish check http_request targets against (read per request: tests extend it). */
  egressAllow: () => EgressAllowList;
}
