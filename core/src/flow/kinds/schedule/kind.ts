import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const scheduleKind: NodeKindInfo<'schedule'> = {
  category: 'trigger',
  enrolledBy: 'schedule',
  label: 'Schedule',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
