import { llmGenerateAction } from '../../ai/ai-flow-actions';
import { type ActionActivityFactory } from './action-tools';

/** Generates text with the configured model (ai/ai-flow-actions). */
export const llmGenerate: ActionActivityFactory<'llm_generate'> = (tools) => async (input) => {
  return llmGenerateAction(input, tools.ai);
};
