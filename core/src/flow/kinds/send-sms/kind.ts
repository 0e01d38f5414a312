import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const sendSmsKind: NodeKindInfo<'send_sms'> = {
  category: 'action',
  label: 'Send SMS',
  outputs: single,
  templates: ['body'],
  namedFields: NO_NAMED_FIELDS,
  sends: true,
};
