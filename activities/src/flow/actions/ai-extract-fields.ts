import { extractFieldsAction } from '../../ai/ai-insight-actions';
import { type ActionActivityFactory } from './action-tools';

/** Extracts typed values from free text with the model (ai/ai-insight-actions). */
export const aiExtractFields: ActionActivityFactory<'ai_extract_fields'> = (tools) => async (input) => {
  return extractFieldsAction(input, tools.ai);
};
