import { replySubject } from './email-thread';

describe('replySubject', () => {
  it('prefixes "Re: " once', () => {
    expect(replySubject('Quick question')).toBe('Re: Quick question');
    expect(replySubject('Re: Quick question')).toBe('Re: Quick question');
    expect(replySubject('  RE: Quick question ')).toBe('RE: Quick question');
  });
});
