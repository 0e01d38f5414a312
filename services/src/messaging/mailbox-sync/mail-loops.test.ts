import { addressLoop } from './mail-loops';

describe('addressLoop', () => {
  const headers = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));
  it('is the rep writing from the mailbox address, whatever the case', () => {
    expect(addressLoop({ from: 'Rep@Acme.test', headers: headers() }, 'rep@acme.test')).toBe('own_address');
  });
  it('is mail an X-Loop header marks with the mailbox address', () => {
    expect(
      addressLoop({ from: 'list@example.org', headers: headers({ 'x-loop': 'rep@acme.test' }) }, 'rep@acme.test'),
    ).toBe('x_loop');
    expect(
      addressLoop({ from: 'list@example.org', headers: headers({ 'x-loop': 'other@acme.test' }) }, 'rep@acme.test'),
    ).toBeNull();
  });
  it('is not the contact writing', () => {
    expect(addressLoop({ from: 'lead@example.com', headers: headers() }, 'rep@acme.test')).toBeNull();
    expect(addressLoop({ from: null, headers: headers() }, 'rep@acme.test')).toBeNull();
  });
});
