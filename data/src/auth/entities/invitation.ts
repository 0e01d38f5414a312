import { EntitySchema } from 'typeorm';
import type { Role } from '@cadenza/core';

/** A pending offer to join a workspace, addressed to an email; deleted once answered or revoked. */
export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  /** The invitation created the account; it is accepted by the account's first sign-in. */
  createsAccount: boolean;
  createdAt: Date;
  expiresAt: Date;
}

export const InvitationEntity = new EntitySchema<Invitation>({
  name: 'Invitation',
  tableName: 'invitations',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    tenantId: { type: 'uuid', name: 'tenant_id' },
    email: { type: 'text' },
    role: { type: 'text' },
    invitedBy: { type: 'uuid', name: 'invited_by', nullable: true },
    createsAccount: { type: 'boolean', name: 'creates_account' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    expiresAt: { type: 'timestamptz', name: 'expires_at' },
  },
});
