import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const createTaskKind: NodeKindInfo<'create_task'> = {
  category: 'action',
  label: 'Create task',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
  databaseOnly: true,
};
