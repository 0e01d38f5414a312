import { can, PERMISSIONS, ROLES } from './roles';

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

  it('keeps user management to admins', () => {
    expect(ROLES.filter((role) => can(role, 'users:manage'))).toEqual(['admin']);
  });

  it('lets marketers and admins decide agent drafts, and ops only read them', () => {
    expect(ROLES.filter((role) => can(role, 'approvals:decide'))).toEqual(['admin', 'marketer']);
    expect(ROLES.filter((role) => can(role, 'approvals:read'))).toEqual(['admin', 'marketer', 'ops']);
  });
});
