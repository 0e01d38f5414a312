import { promptVersionOf, triageReplyPrompt } from './ai-prompts';

describe('promptVersionOf', () => {
  it('is stable for the same text and changes with any part', () => {
    expect(promptVersionOf('sys', 'Hello {{contact.firstName}}')).toBe(
      promptVersionOf('sys', 'Hello {{contact.firstName}}'),
    );
    expect(promptVersionOf('sys', 'Hello')).not.toBe(promptVersionOf('sys2', 'Hello'));
    // The separator keeps ("ab","c") and ("a","bc") apart.
    expect(promptVersionOf('ab', 'c')).not.toBe(promptVersionOf('a', 'bc'));
    expect(promptVersionOf('x')).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('triageReplyPrompt', () => {
  it('quotes the reply after its subject and caps both lengths', () => {
    const prompt = triageReplyPrompt('s'.repeat(1000), 'x'.repeat(10_000));
    expect(prompt.length).toBeLessThan(4400);
    expect(prompt).toMatch(/^Subject: s+\nReply:/);
    expect(prompt).toContain('"""');
  });
});
