import { single, type NodeKindInfo } from '../kind-info';

export const updateFieldKind: NodeKindInfo<'update_field'> = {
  category: 'action',
  label: 'Update field',
  outputs: single,
  templates: [],
  namedFields: (settings) => [settings.field],
  databaseOnly: true,
};
