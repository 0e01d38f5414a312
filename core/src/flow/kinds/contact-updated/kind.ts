import { single, type NodeKindInfo } from '../kind-info';

export const contactUpdatedKind: NodeKindInfo<'contact_updated'> = {
  category: 'trigger',
  enrolledBy: 'event',
  label: 'Contact updated',
  outputs: single,
  templates: [],
  namedFields: (settings) => settings.fields,
};
