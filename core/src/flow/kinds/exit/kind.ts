import { NO_NAMED_FIELDS, type NodeKindInfo } from '../kind-info';

export const exitKind: NodeKindInfo<'exit'> = {
  category: 'control',
  label: 'Exit',
  outputs: [],
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
