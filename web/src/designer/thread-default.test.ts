import { describe, expect, it } from 'vitest';
import { followsSendEmail, threadedByDefault } from './thread-default';
import type { DesignerNode } from './designer-types';

const node = (id: string, type: DesignerNode['type']): DesignerNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  settings: {},
});
const edge = (from: string, to: string) => ({ id: `${from}-${to}`, from, to });

describe('follow-ups thread by default', () => {
  const nodes = [node('start', 'manual'), node('intro', 'send_email'), node('wait', 'wait'), node('tag', 'add_tag')];

  it('finds a send_email anywhere upstream, or at the output itself', () => {
    const edges = [edge('start', 'intro'), edge('intro', 'wait')];
    expect(followsSendEmail(nodes, edges, 'wait')).toBe(true);
    expect(followsSendEmail(nodes, edges, 'intro')).toBe(true);
    expect(followsSendEmail(nodes, edges, 'start')).toBe(false);
    expect(followsSendEmail(nodes, [edge('start', 'tag')], 'tag')).toBe(false);
  });

  it('terminates on cycles', () => {
    expect(followsSendEmail(nodes, [edge('wait', 'tag'), edge('tag', 'wait')], 'tag')).toBe(false);
  });

  it('sets threadWithPrevious and keeps the rest', () => {
    expect(threadedByDefault({ subject: 'Hi' })).toEqual({ subject: 'Hi', threadWithPrevious: true });
  });
});
