import { keywordIntent } from './reply-triage-rules';

describe('keywordIntent (the triage bench baseline)', () => {
  it('reads subject and text, first rule wins, interested when nothing matches', () => {
    expect(keywordIntent({ text: 'Address not found', subject: 'Undeliverable: hi' })).toBe('bounce');
    expect(keywordIntent({ text: 'I am away', subject: 'Automatic reply: hi' })).toBe('out_of_office');
    expect(keywordIntent({ text: 'Not interested, please unsubscribe me' })).toBe('unsubscribe');
    expect(keywordIntent({ text: 'Thanks!' })).toBe('interested');
  });
});
