import { flowWarnings } from './flow-warnings';

const replyWait = { id: 'await', type: 'wait_for_event', settings: { event: { kind: 'reply' } } };
const read = { id: 'read', type: 'triage_reply', settings: {} };
const tag = { id: 'tag', type: 'add_tag', settings: { tag: 'x' } };

describe('flowWarnings', () => {
  it('is quiet when a reply wait comes before Read the reply, directly or through other steps', () => {
    expect(flowWarnings({ nodes: [replyWait, read], edges: [{ from: 'await', to: 'read' }] })).toEqual([]);
    expect(
      flowWarnings({
        nodes: [replyWait, tag, read],
        edges: [
          { from: 'await', to: 'tag' },
          { from: 'tag', to: 'read' },
        ],
      }),
    ).toEqual([]);
  });

  it('warns when nothing before it waits for a reply', () => {
    expect(flowWarnings({ nodes: [tag, read], edges: [{ from: 'tag', to: 'read' }] })).toEqual([
      expect.objectContaining({ code: 'triage_without_reply_wait', nodeId: 'read' }),
    ]);
  });

  it("warns when only the reply wait's timeout leads to it (there was no reply)", () => {
    expect(
      flowWarnings({ nodes: [replyWait, read], edges: [{ from: 'await', to: 'read', handle: 'timeout' }] }),
    ).toEqual([expect.objectContaining({ code: 'triage_without_reply_wait' })]);
  });

  it('warns when the wait before it waits for something else', () => {
    const openWait = { id: 'await', type: 'wait_for_event', settings: { event: { kind: 'open' } } };
    expect(flowWarnings({ nodes: [openWait, read], edges: [{ from: 'await', to: 'read' }] })).toHaveLength(1);
  });

  it('survives a loop', () => {
    expect(
      flowWarnings({
        nodes: [tag, read],
        edges: [
          { from: 'tag', to: 'read' },
          { from: 'read', to: 'tag' },
        ],
      }),
    ).toHaveLength(1);
  });
});
