import { auditChangeText, auditFieldChanges } from './audit-change';

describe('auditFieldChanges', () => {
  it('pairs old and new values field by field', () => {
    expect(auditFieldChanges({ role: 'sales_rep' }, { role: 'marketer' })).toEqual([
      { field: 'role', before: 'sales_rep', after: 'marketer' },
    ]);
  });

  it('handles a create, a delete and nested values', () => {
    expect(auditFieldChanges(null, { name: 'Key', port: 587 })).toEqual([
      { field: 'name', before: '', after: 'Key' },
      { field: 'port', before: '', after: '587' },
    ]);
    expect(auditFieldChanges({ imap: { host: 'x' } }, null)).toEqual([
      { field: 'imap', before: '{"host":"x"}', after: '' },
    ]);
  });
});

describe('auditChangeText', () => {
  it('reads as field: old → new', () => {
    expect(auditChangeText({ field: 'role', before: 'a', after: 'b' })).toBe('role: a → b');
    expect(auditChangeText({ field: 'name', before: '', after: 'n' })).toBe('name: n');
    expect(auditChangeText({ field: 'name', before: 'o', after: '' })).toBe('name: o →');
  });
});
