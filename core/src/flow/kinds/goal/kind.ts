import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const goalKind: NodeKindInfo<'goal'> = {
  category: 'control',
  label: 'Goal',
  outputs: single,
  enteredByCondition: true,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
