import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const aiExtractFieldsKind: NodeKindInfo<'ai_extract_fields'> = {
  category: 'action',
  label: 'Extract fields',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
