import type { EntityManager } from 'typeorm';
import { loadTemplateRecords } from '@cadenza/data';
import { renderMessageTemplate, templateContextOf } from '@cadenza/services/messaging';
import { originOf, renderOrFail, type ActionActivityFactory } from './action-tools';

/** Posts a templated message to a Slack channel or user, once per key. */
export const notifySlack: ActionActivityFactory<'notify_slack'> = (tools) => async (input) => {
  const { channel, message } = input.node.settings;
  const compose = async (manager: EntityManager) => {
    const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
    const context = templateContextOf(records, input.stepOutputs);
    const options = { html: false, snippets: records.snippets };
    return { channel, text: renderOrFail(() => renderMessageTemplate(message, context, options, 'message')) };
  };
  return tools.perform(input, compose, async (manager) =>
    tools.messaging().postSlack(manager, { ...originOf(input), ...(await compose(manager)) }),
  );
};
