import { aiScoreLeadAction } from '../../ai/ai-flow-actions';
import { IN_DATABASE, type ActionActivityFactory } from './action-tools';

/** Adds points to the lead score, or lets a model score the lead against written criteria. */
export const scoreLead: ActionActivityFactory<'score_lead'> = (tools) => async (input) => {
  const settings = input.node.settings;
  if (settings.method === 'ai') return aiScoreLeadAction(input, settings.criteria, tools.ai);
  const points = settings.method === 'points' ? settings.points : 0;
  return tools.perform(
    input,
    () => ({ addPoints: points }),
    (manager) => tools.deps.crm.addScore(manager, input.tenantId, input.contactId, points, tools.actorOf(input)),
    IN_DATABASE,
  );
};
