import { classifyReplyPrompt, promptVersionOf } from './ai-prompts';

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

describe('classifyReplyPrompt', () => {
  it('quotes the reply and caps its length', () => {
    const prompt = classifyReplyPrompt('x'.repeat(10_000));
    expect(prompt.length).toBeLessThan(4100);
    expect(prompt).toContain('"""');
  });
});
