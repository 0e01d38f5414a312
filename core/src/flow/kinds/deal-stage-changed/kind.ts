import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const dealStageChangedKind: NodeKindInfo<'deal_stage_changed'> = {
  category: 'trigger',
  enrolledBy: 'event',
  label: 'Deal stage changed',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
