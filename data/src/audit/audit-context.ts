import { actorOf, type CrmPrincipal } from '../crm/crm-principal';
import type { AuditContext } from './record-audit';

/** Who acted and from where, as the request's principal says. */
export const auditContextOf = (principal: CrmPrincipal): AuditContext => ({
  tenantId: principal.tenantId,
  actor: actorOf(principal),
  clientAddress: principal.clientAddress ?? null,
});
