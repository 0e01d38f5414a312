import { single, type NodeKindInfo } from '../kind-info';

export const waitKind: NodeKindInfo<'wait'> = {
  category: 'control',
  label: 'Wait',
  outputs: single,
  pauses: true,
  templates: [],
  namedFields: (settings) => (settings.mode === 'until_field' ? [settings.field] : []),
};
