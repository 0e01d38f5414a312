import {
  literalEgressRefusal,
  literalUrlEgressRefusal,
  UserError,
  type EgressAllowList,
  type EgressRefusal,
} from '@cadenza/core';

const refused = (field: string, refusal: EgressRefusal) =>
  new UserError('egress_refused', `${field}: ${refusal.message}; it must be a public address`, {
    field,
    rule: refusal.rule,
  });

/**
 * Settings that name a connection target (a Slack webhook, a mailbox's SMTP host) are
 * refused at save when they are a literal internal address, as the runtime guard would
 * refuse them anyway: the user hears it now, as a 400 naming the field.
 */
export function assertEgressUrl(field: string, url: string, allow: EgressAllowList): void {
  const refusal = literalUrlEgressRefusal(url, allow);
  if (refusal) throw refused(field, refusal);
}

export function assertEgressHost(field: string, host: string, port: number, allow: EgressAllowList): void {
  const { refusal } = literalEgressRefusal(host, port, allow);
  if (refusal) throw refused(field, refusal);
}
