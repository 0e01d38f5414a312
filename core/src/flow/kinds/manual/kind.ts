import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const manualKind: NodeKindInfo<'manual'> = {
  category: 'trigger',
  enrolledBy: 'person',
  label: 'Manual enrollment',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
