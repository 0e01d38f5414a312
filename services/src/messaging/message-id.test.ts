import { domainOf, messageIdFor, referencedMessageIds } from './message-id';

describe('message ids', () => {
  it('are stable per key and differ between keys', () => {
    expect(messageIdFor('run-1:mail:1', 'acme.test')).toBe(messageIdFor('run-1:mail:1', 'acme.test'));
    expect(messageIdFor('run-1:mail:1', 'acme.test')).not.toBe(messageIdFor('run-1:mail:2', 'acme.test'));
    expect(messageIdFor('k', 'acme.test')).toMatch(/^[\w-]{32}@acme\.test$/);
  });
  it('take the sender domain', () => {
    expect(domainOf('Ana <ana@Acme.Test>')).toBe('acme.test');
    expect(domainOf('nobody')).toBe('cadenza.local');
  });
  it('are read back from In-Reply-To and References', () => {
    expect(referencedMessageIds('<a@x>', '<b@y> <a@x>\r\n <c@z>', undefined)).toEqual(['a@x', 'b@y', 'c@z']);
  });
});
