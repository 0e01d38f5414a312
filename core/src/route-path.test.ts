import { normalizedPath } from './route-path';

describe('normalizedPath', () => {
  it('drops trailing slashes and keeps the root', () => {
    expect(normalizedPath('/contacts/')).toBe('/contacts');
    expect(normalizedPath('/flows//')).toBe('/flows');
    expect(normalizedPath('/flows/abc')).toBe('/flows/abc');
    expect(normalizedPath('/')).toBe('/');
    expect(normalizedPath('')).toBe('/');
  });
});
