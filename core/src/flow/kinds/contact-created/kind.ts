import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const contactCreatedKind: NodeKindInfo<'contact_created'> = {
  category: 'trigger',
  enrolledBy: 'event',
  label: 'Contact created',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
