import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const removeTagKind: NodeKindInfo<'remove_tag'> = {
  category: 'action',
  label: 'Remove tag',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
  databaseOnly: true,
};
