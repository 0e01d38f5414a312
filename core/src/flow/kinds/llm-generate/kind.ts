import { single, type NodeKindInfo } from '../kind-info';

export const llmGenerateKind: NodeKindInfo<'llm_generate'> = {
  category: 'action',
  label: 'Generate text',
  outputs: single,
  templates: [],
  namedFields: (settings) => (settings.saveToField ? [settings.saveToField] : []),
};
