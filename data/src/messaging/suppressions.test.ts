import { erasedAddressKey } from './suppressions';

describe('erasedAddressKey', () => {
  const tenant = '6f1c1d52-5d8e-4f4e-9a43-0d6f1c1d5200';

  it('is a SHA-256 hex digest that does not contain the address', () => {
    const key = erasedAddressKey(tenant, 'ada@example.com');
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(key).not.toContain('ada');
  });

  it('matches the address however it was spelled, as the list compares addresses', () => {
    expect(erasedAddressKey(tenant, ' Ada@Example.COM ')).toBe(erasedAddressKey(tenant, 'ada@example.com'));
  });

  it('differs between workspaces and between addresses', () => {
    const other = '0b7e0000-0000-4000-8000-000000000000';
    expect(erasedAddressKey(other, 'ada@example.com')).not.toBe(erasedAddressKey(tenant, 'ada@example.com'));
    expect(erasedAddressKey(tenant, 'bob@example.com')).not.toBe(erasedAddressKey(tenant, 'ada@example.com'));
  });
});
