import type { ActivityMetricsHooks } from '../activity-metrics-hooks';
import type { MessagingService, SendOutcome } from '@cadenza/services/messaging';
import { SendThrottled } from '@cadenza/services/messaging';

/** Provider label of a failed send: the service throws before telling which provider it chose. */
export const UNKNOWN_PROVIDER = 'unknown';

/** Status label of a send that must wait for its mailbox's daily or per-minute budget (retried, not failed). */
export const THROTTLED = 'throttled';

/**
 * Counts each send of a messaging service once per conclusion. A call that finds its
 * idempotency key already used (performed: false) is an activity retry returning the earlier
 * message, so it is not counted again; a throw counts as failed (or throttled).
 */
export function countSends(service: MessagingService, hooks: ActivityMetricsHooks): MessagingService {
  const counted =
    <A extends unknown[]>(channel: string, send: (...args: A) => Promise<SendOutcome>) =>
    async (...args: A): Promise<SendOutcome> => {
      try {
        const outcome = await send(...args);
        if (outcome.performed) {
          hooks.messageSent({ channel: outcome.channel, provider: outcome.provider, status: outcome.status });
        }
        return outcome;
      } catch (error) {
        const throttled = error instanceof SendThrottled;
        hooks.messageSent({ channel, provider: UNKNOWN_PROVIDER, status: throttled ? THROTTLED : 'failed' });
        throw error;
      }
    };
  return {
    ...service,
    sendEmail: counted('email', service.sendEmail),
    sendSms: counted('sms', service.sendSms),
    postSlack: counted('slack', service.postSlack),
  };
}
