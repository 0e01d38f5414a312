import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const notifySlackKind: NodeKindInfo<'notify_slack'> = {
  category: 'action',
  label: 'Notify Slack',
  outputs: single,
  templates: ['message'],
  namedFields: NO_NAMED_FIELDS,
};
