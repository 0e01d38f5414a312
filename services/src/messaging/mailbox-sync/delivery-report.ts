import { referencedMessageIds } from '../message-id';
import { mimeLeaves, splitHeaders, type MimeLeaf } from './mime-parts';
import { parseHeaderBlock } from './parse-inbound';

/**
 * Delivery status notifications (bounces), read without any I/O. RFC 3464 reports
 * (multipart/report; report-type=delivery-status, as Postfix, Exim, Gmail and Microsoft 365
 * send them) and the older shapes mail servers still send: a MAILER-DAEMON or postmaster
 * writing in plain text, the returned message quoted as message/rfc822, text/rfc822-headers
 * or inline after a "copy of the message" line.
 */

/** One recipient a report speaks of (RFC 3464 §2.3), values as the report gave them. */
export interface ReportRecipient {
  /** The address the receiving server tried (Final-Recipient), without its `rfc822;` type. */
  finalRecipient: string | null;
  /** The address as the sender gave it (Original-Recipient), when the report says. */
  originalRecipient: string | null;
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded`; null when not said. */
  action: string | null;
  /** The enhanced status code (`5.1.1`), the most specific one the report gives; null when none. */
  status: string | null;
  /** The remote server's words (Diagnostic-Code without its `smtp;` type), at most 500 characters. */
  diagnostic: string | null;
}

export interface DeliveryReport {
  /** `rfc3464`: a message/delivery-status part; `returned-message`: a daemon returning our headers; `plain-text`: words only. */
  shape: 'rfc3464' | 'returned-message' | 'plain-text';
  reportingMta: string | null;
  recipients: ReportRecipient[];
  /**
   * Message-IDs of the message the report is about, without angle brackets: the returned
   * headers' Message-ID, Gmail's X-Original-Message-ID, the report's own In-Reply-To and
   * References (Gmail and Exchange thread their reports), Message-ID lines of an inline copy.
   */
  originalMessageIds: string[];
  /** The returned headers' To addresses: who the original was for, when the report names no recipient. */
  originalTo: string[];
  /** The returned headers' Subject. */
  originalSubject: string | null;
}

/** Senders that are mail servers, not people (local parts, and Microsoft 365's NDR sender). */
const DAEMON_LOCAL_PART = /^(mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|postmaster|mail\.delivery\.system)$/i;
const MICROSOFT_NDR_SENDER = /^microsoftexchange[0-9a-f]{32}@/i;

const BOUNCE_SUBJECT =
  /undeliver|undelivered mail|delivery status notification|returned mail|delivery failure|failure notice|mail delivery (failed|delayed|subsystem)|delivery has failed|could not send message|delayed mail|delivery (delayed|incomplete)|nondeliverable|non-delivery/i;

const STATUS_PART = /^message\/(global-)?delivery-status$/;
const RETURNED_MESSAGE_PART =
  /^(message\/rfc822|message\/global|text\/rfc822-headers|message\/rfc822-headers|message\/global-headers)$/;

/** True when a sender address is a mail server's (MAILER-DAEMON, postmaster, Microsoft 365's NDR address). */
export function isDaemonSender(from: string | null | undefined): boolean {
  if (!from) return false;
  const address = from.trim();
  return DAEMON_LOCAL_PART.test(address.split('@')[0] ?? '') || MICROSOFT_NDR_SENDER.test(address);
}

/**
 * Whether an email may be a delivery report, from what the sync reads before downloading a
 * body: the report content type, a daemon sender, Exim's and Gmail's X-Failed-Recipients, or
 * a bounce subject sent with a null return path. A yes only means "read it":
 * parseDeliveryReport decides.
 */
export function mayBeDeliveryReport(entry: {
  from: string | null;
  subject: string | null;
  headers: ReadonlyMap<string, string>;
}): boolean {
  const contentType = entry.headers.get('content-type') ?? '';
  if (/^\s*multipart\/report\b/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType))
    return true;
  if (isDaemonSender(entry.from) || entry.headers.has('x-failed-recipients')) return true;
  const nullSender = /^\s*<\s*>\s*$/.test(entry.headers.get('return-path') ?? 'x');
  return nullSender && BOUNCE_SUBJECT.test(entry.subject ?? '');
}

/** `5.1.1`, not the tail of an IP address or a version number. */
const ENHANCED_STATUS = /(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/;
const ENHANCED_STATUS_ALL = new RegExp(ENHANCED_STATUS.source, 'g');

/** `rfc822; <Nobody@Example.com>` -> `Nobody@Example.com`. */
function addressField(value: string | undefined): string | null {
  if (!value) return null;
  const typed = /^[^;@]*;\s*(.*)$/.exec(value);
  const address = (typed ? typed[1]! : value)
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

/**
 * The most specific status: Exim and some Exchange servers report `5.0.0` while their
 * Diagnostic-Code says `550 5.1.1`; the detail of the same class wins. Without a Status
 * field, the diagnostic's enhanced code, then its basic reply code (550 -> 5.0.0).
 */
export function preciseStatus(status: string | null | undefined, diagnostic: string | null | undefined): string | null {
  const given = ENHANCED_STATUS.exec(status ?? '');
  const fromDiagnostic = [...(diagnostic ?? '').matchAll(ENHANCED_STATUS_ALL)].map((m) => m[0]);
  if (given) {
    const code = given[0];
    if (!/\.0\.0$/.test(code)) return code;
    return fromDiagnostic.find((found) => found[0] === code[0] && !/\.0\.0$/.test(found)) ?? code;
  }
  if (fromDiagnostic[0]) return fromDiagnostic[0];
  const basic = /(?:^|[\s;:])([45])\d\d(?=[\s-])/.exec(diagnostic ?? '');
  return basic ? `${basic[1]}.0.0` : null;
}

const clip = (text: string | null | undefined, max = 500) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat ? flat.slice(0, max) : null;
};

/** The field groups of a message/delivery-status body: the per-message group, then one per recipient. */
function statusGroups(body: string): Array<Map<string, string>> {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((group) => parseHeaderBlock(group.trim()))
    .filter((group) => group.size > 0);
}

function recipientOf(group: Map<string, string>): ReportRecipient {
  const diagnostic = clip((group.get('diagnostic-code') ?? '').replace(/^[^;]*;\s*/, ''));
  return {
    finalRecipient: addressField(group.get('final-recipient')),
    originalRecipient: addressField(group.get('original-recipient')),
    action: group.get('action')?.trim().toLowerCase().split(/[\s(]/)[0] || null,
    status: preciseStatus(group.get('status'), diagnostic),
    diagnostic,
  };
}

/** A line introducing the returned message in a plain-text report (Exim, qmail, Sendmail, old Exchange). */
const RETURNED_COPY_LINE =
  /^[-=_* \t]*(this is a copy of the message|below this line is a copy of the message|original message follows|the original message was|undelivered message|returned message|unsent message below|original message headers|message headers follow|a copy of the original message)[^\n]*$/im;

/** The text before an inline copy of the returned message, and that copy's header block. */
function splitInlineCopy(text: string): { human: string; copiedHeaders: Map<string, string> | null } {
  const marker = RETURNED_COPY_LINE.exec(text);
  if (!marker) return { human: text, copiedHeaders: null };
  const after = text.slice(marker.index + marker[0].length).replace(/^(\s*\r?\n)+/, '');
  const { headerBlock } = splitHeaders(after);
  const copied = parseHeaderBlock(headerBlock);
  return { human: text.slice(0, marker.index), copiedHeaders: copied.size > 0 ? copied : null };
}

/** An address; the lookbehind starts a match only where a local part starts, so a long run of letters is read once. */
const ADDRESS =
  /(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** The words of a report are read this far (its recipients and status are at the top). */
const MAX_WORDS_CHARS = 64 * 1024;

/** Recipients named in a report's words, for the shapes with no message/delivery-status part. */
function recipientsInText(human: string, failedHeader: string | undefined): string[] {
  const found: string[] = [];
  for (const address of (failedHeader ?? '').match(ADDRESS) ?? []) found.push(address);
  // qmail and Postfix: "<nobody@example.com>:" starting a line.
  for (const match of human.matchAll(/^[ \t]*<([^<>\s@]+@[^<>\s]+)>:/gm)) found.push(match[1]!);
  // Exim: "The following address(es) failed:" then the addresses, indented.
  const exim =
    /following address(?:\(es\)|es)? (?:failed|have not yet been delivered|has not yet been delivered)[^\n]*\n((?:[ \t]*\r?\n)*(?:[ \t]+[^\s@]+@\S+[^\n]*\r?\n?)+)/i.exec(
      human,
    );
  for (const address of exim?.[1]?.match(ADDRESS) ?? []) found.push(address);
  if (found.length === 0) for (const address of human.match(ADDRESS) ?? []) found.push(address);
  const seen = new Set<string>();
  return found.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key) || isDaemonSender(address)) return false;
    seen.add(key);
    return true;
  });
}

const DELAYED_WORDS =
  /\b(delayed|will (keep|continue)? ?(trying|retry|be retried)|still (being )?(retried|trying)|not yet been delivered|temporar(y|ily)|deferred|retry timeout not reached)\b/i;
const PERMANENT_WORDS =
  /\b(permanent(ly)? (error|failure|fatal)|i've given up|does not exist|doesn't exist|user unknown|unknown user|no such (user|mailbox|recipient)|mailbox (unavailable|not found)|address rejected|recipient (address )?rejected|invalid recipient|recipient not found|delivery has failed|failed permanently)\b/i;

/** What a report in words only says of its recipients: the first status code found, or the wording. */
function textVerdict(human: string): { action: string | null; status: string | null; diagnostic: string | null } {
  const line = human.split(/\r?\n/).find((l) => ENHANCED_STATUS.test(l) || /(?:^|\s)[45]\d\d[\s-]/.test(l)) ?? null;
  const status = preciseStatus(null, line);
  const delayed = DELAYED_WORDS.test(human) && !PERMANENT_WORDS.test(human);
  if (status)
    return { action: delayed || status.startsWith('4') ? 'delayed' : 'failed', status, diagnostic: clip(line) };
  if (delayed) return { action: 'delayed', status: null, diagnostic: null };
  if (PERMANENT_WORDS.test(human)) return { action: 'failed', status: '5.0.0', diagnostic: null };
  return { action: null, status: null, diagnostic: null };
}

function fromReturnedHeaders(headers: Map<string, string> | null) {
  if (!headers) return { ids: [], to: [], subject: null };
  return {
    ids: referencedMessageIds(headers.get('message-id')),
    to: [...(headers.get('to') ?? '').matchAll(ADDRESS)].map((m) => m[0]),
    subject: headers.get('subject') ?? null,
  };
}

/**
 * The delivery report an email is, or null when it is not one. Needs a message/delivery-status
 * part, or a daemon sender (MAILER-DAEMON, postmaster, Microsoft 365's NDR address, or an
 * X-Failed-Recipients header) with the returned message or the failed recipients in its words.
 * A person's email that only mentions "undeliverable" is not a report.
 */
export function parseDeliveryReport(source: Buffer | string, from?: string | null): DeliveryReport | null {
  const text = typeof source === 'string' ? source : source.toString('utf8');
  const { headers, leaves } = mimeLeaves(text);
  const sender = from ?? [...(headers.get('from') ?? '').matchAll(ADDRESS)][0]?.[0] ?? null;
  const daemon = isDaemonSender(sender) || headers.has('x-failed-recipients');
  // In-Reply-To, then References newest first: an older email of the thread is the last guess.
  const ownReferences = [
    ...referencedMessageIds(headers.get('in-reply-to')),
    ...referencedMessageIds(headers.get('references')).reverse(),
  ];

  const statusLeaves = leaves.filter((leaf) => STATUS_PART.test(leaf.type));
  const returnedLeaf = leaves.find((leaf) => RETURNED_MESSAGE_PART.test(leaf.type));
  const returnedHeaders = returnedLeaf ? parseHeaderBlock(splitHeaders(returnedLeaf.body).headerBlock) : null;
  const textLeaves = leaves.filter((leaf: MimeLeaf) => leaf.type === 'text/plain');

  if (statusLeaves.length > 0) {
    const groups = statusLeaves.flatMap((leaf) => statusGroups(leaf.body));
    const recipients = groups
      .filter((group) => group.has('final-recipient') || group.has('original-recipient') || group.has('action'))
      .map(recipientOf);
    const perMessage = groups[0];
    const returned = fromReturnedHeaders(returnedHeaders?.size ? returnedHeaders : null);
    const originalIds = groups.flatMap((group) => referencedMessageIds(group.get('x-original-message-id')));
    return {
      shape: 'rfc3464',
      reportingMta: addressOrName(perMessage?.get('reporting-mta')),
      recipients,
      originalMessageIds: unique([...returned.ids, ...originalIds, ...ownReferences]),
      originalTo: returned.to,
      originalSubject: returned.subject,
    };
  }

  if (!daemon) return null;
  // No report part: a daemon writing in words, the original quoted as a part or inline.
  const words = textLeaves
    .map((leaf) => leaf.body)
    .join('\n')
    .slice(0, 4 * MAX_WORDS_CHARS);
  const { human: allWords, copiedHeaders } = splitInlineCopy(words);
  const human = allWords.slice(0, MAX_WORDS_CHARS);
  const quoted = returnedHeaders?.size ? returnedHeaders : copiedHeaders;
  const returned = fromReturnedHeaders(quoted);
  const inlineIds = [...words.matchAll(/^message-id:[ \t]*(<[^<>\s]+>)/gim)].flatMap((m) => referencedMessageIds(m[1]));
  const addresses = recipientsInText(human, headers.get('x-failed-recipients'));
  if (!quoted && addresses.length === 0) return null;
  const verdict = textVerdict(human);
  return {
    shape: quoted ? 'returned-message' : 'plain-text',
    reportingMta: null,
    recipients: addresses.map((address) => ({
      finalRecipient: address,
      originalRecipient: null,
      action: verdict.action,
      status: verdict.status,
      diagnostic: verdict.diagnostic,
    })),
    originalMessageIds: unique([...returned.ids, ...inlineIds, ...ownReferences]),
    originalTo: returned.to,
    originalSubject: returned.subject,
  };
}

const unique = (ids: string[]) => [...new Set(ids)];

/** `dns; mail.example.org` -> `mail.example.org`. */
function addressOrName(value: string | undefined): string | null {
  if (!value) return null;
  return clip(value.replace(/^[^;]*;\s*/, ''), 200);
}

export type BounceSeverity = 'hard' | 'soft' | 'delivered';

export interface RecipientVerdict {
  /** The recipient's address (Final-Recipient, else Original-Recipient). */
  address: string | null;
  /** The address the sender used, when the report gives it apart from the final one. */
  originalAddress: string | null;
  severity: BounceSeverity;
  status: string | null;
  /** For the timeline and the message's status reason: the status, what it means, the server's words. */
  reason: string;
}

/** What the usual enhanced status codes mean (RFC 3463), for people reading the timeline. */
const STATUS_MEANING: Record<string, string> = {
  '1.1': 'the address does not exist',
  '1.2': 'the domain does not exist',
  '1.3': 'bad address syntax',
  '1.6': 'the mailbox has moved',
  '1.10': 'the recipient was not found',
  '2.1': 'the mailbox is disabled',
  '2.2': 'the mailbox is full',
  '2.3': 'the message is too long for the mailbox',
  '3.4': 'the message is too big',
  '4.1': 'no answer from the receiving server',
  '4.4': 'the domain cannot be routed to',
  '4.7': 'delivery time expired',
  '7.1': 'refused by the receiving policy',
  '7.26': 'refused: sender authentication (DMARC) failed',
};

/**
 * 5.x.x codes that say the message or our sending was refused, not that the address is
 * gone: a full mailbox, a message too big, a policy or spam block, a failed DMARC. They do
 * not suppress the address on their own; they count as soft bounces.
 */
const MESSAGE_NOT_ADDRESS = /^5\.(2\.2|2\.3|3\.4|7\.\d{1,3})$/;

/**
 * Hard, soft or delivered, for one recipient of a report:
 * - hard: Action failed with a 5.x.x status (5.1.1 user unknown, 5.1.10 recipient not found,
 *   5.2.1 mailbox disabled, 5.4.4 unroutable...), or failed with no status at all;
 * - soft: Action delayed, any 4.x.x (4.4.7 "expired" included: the sending server gave up on
 *   a temporary trouble), and the 5.x.x codes of MESSAGE_NOT_ADDRESS;
 * - delivered: delivered, relayed or expanded (a success report settles earlier soft bounces).
 * A report that says neither (words only, no status, no "permanent") is soft: a guess never suppresses.
 */
export function judgeRecipient(recipient: ReportRecipient): RecipientVerdict {
  const address = recipient.finalRecipient ?? recipient.originalRecipient;
  const status = recipient.status;
  const severity = severityOf(recipient.action, status);
  const [, subject = '', detail = ''] = (status ?? '').split('.');
  const meaning = STATUS_MEANING[`${subject}.${detail}`];
  const head =
    severity === 'delivered'
      ? 'delivered'
      : recipient.action === 'delayed'
        ? 'delivery delayed'
        : severity === 'soft'
          ? status
            ? 'temporarily undeliverable'
            : 'undeliverable (the report gives no status)'
          : 'undeliverable';
  const reason = [`${head}${status ? ` (${status}${meaning ? `: ${meaning}` : ''})` : ''}`, recipient.diagnostic]
    .filter(Boolean)
    .join(' - ')
    .slice(0, 500);
  return {
    address,
    originalAddress: recipient.originalRecipient,
    severity,
    status,
    reason,
  };
}

function severityOf(action: string | null, status: string | null): BounceSeverity {
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return 'delivered';
  if (action === 'delayed') return 'soft';
  if (status?.startsWith('4')) return 'soft';
  if (status?.startsWith('5')) return MESSAGE_NOT_ADDRESS.test(status) ? 'soft' : 'hard';
  if (action === 'failed') return 'hard';
  // A report that names the recipient but says neither what happened nor why: not enough to suppress anyone.
  return 'soft';
}

/** The verdicts of a report's recipients, worst first (hard, then soft, then delivered). */
export function judgeReport(report: DeliveryReport): RecipientVerdict[] {
  const rank: Record<BounceSeverity, number> = { hard: 0, soft: 1, delivered: 2 };
  return report.recipients.map(judgeRecipient).sort((a, b) => rank[a.severity] - rank[b.severity]);
}
