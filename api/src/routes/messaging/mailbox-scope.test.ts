import type { Principal } from '@cadenza/core';
import { mailboxScopeOf, ownerOfNewMailbox } from './mailbox-scope';

const TENANT = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const as = (role: Principal['role'], userId: string | null = USER): Principal => ({
  tenantId: TENANT,
  userId,
  role,
  via: userId ? 'session' : 'api_key',
});

describe('mailbox scope', () => {
  it('admins reach the whole tenant; everyone else only their own mailboxes', () => {
    expect(mailboxScopeOf(as('admin'))).toBe(TENANT);
    expect(mailboxScopeOf(as('admin', null))).toBe(TENANT);
    for (const role of ['sales_rep', 'marketer', 'ops'] as const) {
      expect(mailboxScopeOf(as(role))).toEqual({ tenantId: TENANT, ownerUserId: USER });
    }
  });

  it('an API key without settings:manage reaches none', () => {
    expect(() => mailboxScopeOf(as('sales_rep', null))).toThrow(/no mailbox of its own/);
  });

  it("a new mailbox is the workspace's only when an admin does not ask for their own", () => {
    expect(ownerOfNewMailbox(as('admin'), undefined)).toBeNull();
    expect(ownerOfNewMailbox(as('admin'), true)).toBe(USER);
    expect(ownerOfNewMailbox(as('sales_rep'), undefined)).toBe(USER);
    expect(ownerOfNewMailbox(as('sales_rep'), true)).toBe(USER);
    expect(() => ownerOfNewMailbox(as('sales_rep'), false)).toThrow(/only its own/);
    expect(() => ownerOfNewMailbox(as('admin', null), true)).toThrow(/personal/);
  });
});
