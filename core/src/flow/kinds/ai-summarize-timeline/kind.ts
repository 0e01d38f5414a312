import { NO_NAMED_FIELDS, single, type NodeKindInfo } from '../kind-info';

export const aiSummarizeTimelineKind: NodeKindInfo<'ai_summarize_timeline'> = {
  category: 'action',
  label: 'Summarise timeline',
  outputs: single,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
