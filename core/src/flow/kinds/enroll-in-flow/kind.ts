import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const enrollInFlowKind: NodeKindInfo<'enroll_in_flow'> = {
  category: 'action',
  label: 'Enroll in flow',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
