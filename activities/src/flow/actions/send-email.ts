import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { loadTemplateRecords, type TemplateRecords } from '@cadenza/data';
import {
  looksLikeHtml,
  plainToHtml,
  renderMessageTemplate,
  SINK_FROM_ADDRESS,
  templateContextOf,
  type ResolvedSender,
} from '@cadenza/services/messaging';
import { originOf, renderOrFail, throttledAsResult, type ActionActivityFactory } from './action-tools';

/**
 * Sends a templated email through the communication hub: rendered, throttled, tracked, once per
 * key. The sender (the flow's choice: workspace default, contact owner, chosen mailbox, rotation
 * pool; or the thread's mailbox for a threaded follow-up) is decided first, so {{sender.*}}
 * names the mailbox the email actually goes from.
 */
export const sendEmail: ActionActivityFactory<'send_email'> = (tools) => async (input) => {
  const settings = input.node.settings;
  /** Rendered inside the send's transaction, from one query (contact, company, deal, owner, mailbox, snippets). */
  const compose = (records: TemplateRecords) => {
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
  /**
   * Decides who sends (a test run too, so it shows who would), then renders for that mailbox.
   * Without a messaging service (a worker that cannot send) the workspace default's name stands.
   */
  const prepare = async (manager: EntityManager) => {
    const records = await loadTemplateRecords(manager, input.tenantId, input.contactId);
    const to = records.contact.email ?? '';
    const resolved =
      to && tools.deps.messaging
        ? await tools.deps.messaging.chooseSender(manager, {
            ...originOf(input),
            to,
            sender: settings.sender,
            threadWithPrevious: settings.threadWithPrevious,
          })
        : undefined;
    const mailbox = resolved?.mailbox;
    const rendered = compose(
      resolved
        ? { ...records, mailbox: mailbox ? { name: mailbox.fromName, email: mailbox.fromAddress } : null }
        : records,
    );
    return { rendered, resolved };
  };
  return throttledAsResult(() =>
    tools.perform(
      input,
      async (manager) => {
        const { rendered, resolved } = await prepare(manager);
        return resolved
          ? { ...rendered, from: resolved.mailbox?.fromAddress ?? SINK_FROM_ADDRESS, sender: senderOf(resolved) }
          : rendered;
      },
      async (manager) => {
        const { rendered, resolved } = await prepare(manager);
        return tools.messaging().sendEmail(manager, {
          ...originOf(input),
          ...rendered,
          ...(settings.fromName ? { fromName: settings.fromName } : {}),
          ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
          trackOpens: settings.trackOpens,
          trackClicks: settings.trackClicks,
          threadWithPrevious: settings.threadWithPrevious,
          sender: settings.sender,
          ...(resolved ? { resolved } : {}),
        });
      },
    ),
  );
};

/** How the sender was chosen, as a test run shows it. */
const senderOf = (resolved: ResolvedSender) => ({ source: resolved.source, fallback: resolved.fallback });
