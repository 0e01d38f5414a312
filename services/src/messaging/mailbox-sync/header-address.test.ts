import { headerAddress, headerMapOf } from './header-address';

describe('header addresses', () => {
  it.each([
    ['Lead <Lead@Example.com>', 'lead@example.com'],
    ['"Doe, Ann" <ann@example.com>', 'ann@example.com'],
    ['ann@example.com', 'ann@example.com'],
    ['ann@example.com (Ann)', 'ann@example.com'],
    ['Undisclosed recipients:;', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (value, address) => expect(headerAddress(value)).toBe(address));

  it('lower-cases names, unfolds values and keeps the first of a repeated header', () => {
    const map = headerMapOf([
      { name: 'Message-ID', value: '<a@x>' },
      { name: 'References', value: '<a@x>\r\n <b@x>' },
      { name: 'message-id', value: '<later@x>' },
    ]);
    expect(map.get('message-id')).toBe('<a@x>');
    expect(map.get('references')).toBe('<a@x> <b@x>');
  });
});
