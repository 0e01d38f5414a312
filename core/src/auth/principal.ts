import type { Role } from './roles';

/**
 * Who is calling, as established by authentication. Every query takes its tenant from
 * here, never from the request.
 */
export interface Principal {
  tenantId: string;
  /** The signed-in user; null for an API key. */
  userId: string | null;
  role: Role;
  via: 'session' | 'api_key';
  /** The API key's id when `via` is 'api_key', so the audit log names which key acted. */
  apiKeyId?: string;
  /** The client's IP as the API resolves it (req.ip, honouring TRUST_PROXY); recorded in the audit log. */
  clientAddress?: string;
}
