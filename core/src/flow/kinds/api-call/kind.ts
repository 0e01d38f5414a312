import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const apiCallKind: NodeKindInfo<'api_call'> = {
  category: 'trigger',
  enrolledBy: 'api',
  label: 'API call',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
