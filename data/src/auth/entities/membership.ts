import { EntitySchema } from 'typeorm';
import type { Role } from '@cadenza/core';

/** A user's place in one workspace, with the role they act with there. */
export interface Membership {
  tenantId: string;
  userId: string;
  role: Role;
  createdAt: Date;
}

export const MembershipEntity = new EntitySchema<Membership>({
  name: 'Membership',
  tableName: 'memberships',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    userId: { type: 'uuid', primary: true, name: 'user_id' },
    role: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
