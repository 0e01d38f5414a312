import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const sendEmailKind: NodeKindInfo<'send_email'> = {
  category: 'action',
  label: 'Send email',
  outputs: single,
  templates: ['subject', 'body'],
  namedFields: NO_NAMED_FIELDS,
  sends: true,
};
