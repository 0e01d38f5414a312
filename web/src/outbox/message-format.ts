import type { MessageStatus, MessageView, PlatformFeatures, SimulatedReply } from '@cadenza/core';

type ChipColor = 'default' | 'primary' | 'secondary' | 'success' | 'warning' | 'error' | 'info';

/** Colour of a status chip: progress in blues and greens, trouble in red, never-sent in grey. */
export const STATUS_COLOR: Record<MessageStatus, ChipColor> = {
  queued: 'default',
  sent: 'info',
  delivered: 'info',
  opened: 'primary',
  clicked: 'secondary',
  replied: 'success',
  bounced: 'error',
  failed: 'error',
  suppressed: 'warning',
};

/** The line a list shows for a message: an email's subject, else the start of its text. */
export function messageHeadline(message: Pick<MessageView, 'subject' | 'text'>): string {
  if (message.subject) return message.subject;
  const text = (message.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text || '(empty)';
}

/**
 * Only an email the sink or a provider sent has a Message-ID a reply can thread to, and only an
 * API that said it mounts the simulator (never production; undefined until it answered) takes one.
 */
export const canSimulateReply = (
  message: Pick<MessageView, 'channel' | 'rfcMessageId' | 'status'>,
  features: PlatformFeatures | undefined,
) =>
  features?.simulateReply === true &&
  message.channel === 'email' &&
  !!message.rfcMessageId &&
  message.status !== 'suppressed';

/** What became of a simulated reply, in the words the person who sent it needs. */
export const simulatedReplyOutcome = (reply: Pick<SimulatedReply, 'replyPath' | 'replyTo'>) =>
  reply.replyPath === 'mailbox'
    ? `Reply emailed to ${reply.replyTo ?? 'the mailbox'}; the mailbox sync reads it and moves the run within seconds.`
    : 'Reply recorded; the run was signalled (this mailbox does not read replies, so it skipped the inbox).';
