import { NO_NAMED_FIELDS, type NodeKindInfo } from '../kind-info';

export const abSplitKind: NodeKindInfo<'ab_split'> = {
  category: 'control',
  label: 'A/B split',
  outputs: (settings) => settings.variants.map((variant) => variant.handle),
  everyOutputConnected: true,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
