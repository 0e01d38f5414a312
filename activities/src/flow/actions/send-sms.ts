import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { loadTemplateRecords } from '@cadenza/data';
import { renderMessageTemplate, templateContextOf } from '@cadenza/services/messaging';
import { originOf, renderOrFail, type ActionActivityFactory } from './action-tools';

/** Sends a templated SMS through the communication hub, once per key. */
export const sendSms: ActionActivityFactory<'send_sms'> = (tools) => async (input) => {
  const compose = async (manager: EntityManager) => {
    const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
    const to = records.contact.phone ?? '';
    if (!to) throw ApplicationFailure.nonRetryable(`contact ${input.contactId} has no phone number`, 'NoAddress');
    const context = templateContextOf(records, input.stepOutputs);
    const options = { html: false, snippets: records.snippets };
    return {
      to,
      body: renderOrFail(() => renderMessageTemplate(input.node.settings.body, context, options, 'body')),
    };
  };
  return tools.perform(input, compose, async (manager) =>
    tools.messaging().sendSms(manager, { ...originOf(input), ...(await compose(manager)) }),
  );
};
