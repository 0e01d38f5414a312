import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const httpRequestKind: NodeKindInfo<'http_request'> = {
  category: 'action',
  label: 'HTTP request',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
  outboundRequest: (settings) => ({ url: settings.url, headers: settings.headers }),
};
