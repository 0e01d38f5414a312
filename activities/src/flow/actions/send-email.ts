import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { loadTemplateRecords } from '@cadenza/data';
import { looksLikeHtml, plainToHtml, renderMessageTemplate, templateContextOf } from '@cadenza/services/messaging';
import { originOf, renderOrFail, throttledAsResult, type ActionActivityFactory } from './action-tools';

/** Sends a templated email through the communication hub: rendered, throttled, tracked, once per key. */
export const sendEmail: ActionActivityFactory<'send_email'> = (tools) => async (input) => {
  const settings = input.node.settings;
  /** Rendered inside the send's transaction, from one query (contact, company, deal, owner, mailbox, snippets). */
  const compose = async (manager: EntityManager) => {
    const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
    const to = records.contact.email ?? '';
    if (!to) throw ApplicationFailure.nonRetryable(`contact ${input.contactId} has no email address`, 'NoAddress');
    const context = templateContextOf(records, input.stepOutputs, { fromName: settings.fromName });
    const { snippets } = records;
    const body = looksLikeHtml(settings.body) ? settings.body : plainToHtml(settings.body);
    return renderOrFail(() => ({
      to,
      subject: renderMessageTemplate(settings.subject, context, { html: false, snippets }, 'subject'),
      html: renderMessageTemplate(body, context, { html: true, snippets }, 'body'),
    }));
  };
  return throttledAsResult(() =>
    tools.perform(input, compose, async (manager) =>
      tools.messaging().sendEmail(manager, {
        ...originOf(input),
        ...(await compose(manager)),
        ...(settings.fromName ? { fromName: settings.fromName } : {}),
        ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
        trackOpens: settings.trackOpens,
        trackClicks: settings.trackClicks,
        threadWithPrevious: settings.threadWithPrevious,
      }),
    ),
  );
};
