import { can, OWNERSHIP_SCOPED_ROLES, PERMISSIONS, ROLES, type Permission } from './roles';

describe('role matrix', () => {
  it('gives admins everything', () => {
    expect(PERMISSIONS.every((permission) => can('admin', permission))).toBe(true);
  });

  it('lets marketers manage flows but not users', () => {
    expect(can('marketer', 'flows:manage')).toBe(true);
    expect(can('marketer', 'users:manage')).toBe(false);
  });

  it('lets sales reps edit contacts and deals but not flows', () => {
    expect(can('sales_rep', 'contacts:write')).toBe(true);
    expect(can('sales_rep', 'deals:write')).toBe(true);
    expect(can('sales_rep', 'flows:manage')).toBe(false);
  });

  it('lets ops read everything and manage runs, but change no CRM data', () => {
    expect(can('ops', 'runs:manage')).toBe(true);
    expect(can('ops', 'contacts:read')).toBe(true);
    expect(can('ops', 'contacts:write')).toBe(false);
  });

  it('lets the people who test flows simulate a reply (development only), not sales reps', () => {
    expect(ROLES.filter((role) => can(role, 'replies:simulate'))).toEqual(['admin', 'marketer', 'ops']);
  });

  it('keeps user management to admins', () => {
    expect(ROLES.filter((role) => can(role, 'users:manage'))).toEqual(['admin']);
  });

  it('lets marketers and admins decide agent drafts, and ops only read them', () => {
    expect(ROLES.filter((role) => can(role, 'approvals:decide'))).toEqual(['admin', 'marketer']);
    expect(ROLES.filter((role) => can(role, 'approvals:read'))).toEqual(['admin', 'marketer', 'ops']);
  });

  it('lets everyone read the knowledge base and search, and admins and marketers manage it', () => {
    expect(ROLES.filter((role) => can(role, 'knowledge:read'))).toEqual([...ROLES]);
    expect(ROLES.filter((role) => can(role, 'knowledge:manage'))).toEqual(['admin', 'marketer']);
  });

  it('scopes sales reps, and only them, to the records they own', () => {
    expect(OWNERSHIP_SCOPED_ROLES).toEqual(['sales_rep']);
  });

  it('grants ownership-scoped roles nothing whose routes show every contact', () => {
    // These routes do not filter by owner (agent drafts, the audit log, imports, erasure):
    // granting one to a scoped role would show it other people's contacts.
    const tenantWide: Permission[] = [
      'approvals:read',
      'approvals:decide',
      'audit:read',
      'contacts:import',
      'contacts:erase',
    ];
    for (const role of OWNERSHIP_SCOPED_ROLES) {
      expect(tenantWide.filter((permission) => can(role, permission))).toEqual([]);
    }
  });
});
