import { summarizeTimelineAction } from '../../ai/ai-insight-actions';
import { type ActionActivityFactory } from './action-tools';

/** Summarises the contact's latest timeline entries with the model (ai/ai-insight-actions). */
export const aiSummarizeTimeline: ActionActivityFactory<'ai_summarize_timeline'> = (tools) => async (input) => {
  return summarizeTimelineAction(input, tools.ai);
};
