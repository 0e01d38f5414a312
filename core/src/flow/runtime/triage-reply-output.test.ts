import { triageReplyOutput } from './triage-reply-output';

const definition = {
  edges: [
    { from: 'read', to: 'pause', handle: 'out_of_office' },
    { from: 'read', to: 'review', handle: 'needs_review' },
    { from: 'read', to: 'rest' },
  ],
};

describe('triageReplyOutput', () => {
  it("takes the intent's output when it is connected", () => {
    expect(triageReplyOutput(definition, 'read', { intent: 'out_of_office', needsReview: false })).toBe(
      'out_of_office',
    );
  });

  it('takes next for an intent left unconnected, and when there was no reply', () => {
    expect(triageReplyOutput(definition, 'read', { intent: 'interested', needsReview: false })).toBe('next');
    expect(triageReplyOutput(definition, 'read', { unread: 'no_reply' })).toBe('next');
  });

  it('takes needs_review when unsure or unreadable, whatever the intent', () => {
    expect(triageReplyOutput(definition, 'read', { intent: 'out_of_office', needsReview: true })).toBe('needs_review');
    expect(triageReplyOutput(definition, 'read', { unread: 'no_triager' })).toBe('needs_review');
  });

  it("reads only this step's edges", () => {
    expect(triageReplyOutput(definition, 'other', { intent: 'out_of_office', needsReview: false })).toBe('next');
  });
});
