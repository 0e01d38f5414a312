import { NO_NAMED_FIELDS, type NodeKindInfo } from '../kind-info';

export const branchKind: NodeKindInfo<'branch'> = {
  category: 'control',
  label: 'Branch',
  outputs: ['yes', 'no'],
  everyOutputConnected: true,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
