import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const scoreLeadKind: NodeKindInfo<'score_lead'> = {
  category: 'action',
  label: 'Score lead',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
