import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const addTagKind: NodeKindInfo<'add_tag'> = {
  category: 'action',
  label: 'Add tag',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
  databaseOnly: true,
};
