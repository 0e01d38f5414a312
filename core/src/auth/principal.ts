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
}
