import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const webhookReceivedKind: NodeKindInfo<'webhook_received'> = {
  category: 'trigger',
  enrolledBy: 'webhook',
  label: 'Webhook received',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
