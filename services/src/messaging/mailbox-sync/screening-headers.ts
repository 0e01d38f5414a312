/**
 * Headers read with the deciding ones (imap-inbox.ts) so that delivery reports and loops are
 * recognised before any body is downloaded:
 * - `content-type`: multipart/report; report-type=delivery-status (RFC 3464);
 * - `return-path`: `<>`, the null sender of reports and automatic mail;
 * - `x-failed-recipients`: Exim's and Gmail's failed addresses;
 * - `x-loop`: set by list managers and filters on what they sent, to recognise it coming back;
 * - `x-cadenza-idempotency-key`: on every email Cadenza sends (compose-email.ts): ours, come back;
 * - `date`: part of what tells a copy of an email from a different one (inbound-content.ts).
 */
export const SCREENING_HEADERS = [
  'content-type',
  'return-path',
  'x-failed-recipients',
  'x-loop',
  'x-cadenza-idempotency-key',
  'date',
];
