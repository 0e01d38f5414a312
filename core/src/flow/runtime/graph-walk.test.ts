import { FlowDefinitionSchema } from '../flow-definition';
import { findNode, nextNodeId } from './graph-walk';

const at = { x: 0, y: 0 };
const definition = FlowDefinitionSchema.parse({
  trigger: { id: 'start', type: 'manual', position: at, settings: {} },
  settings: {},
  nodes: [
    { id: 'intro', type: 'send_email', position: at, settings: { subject: 'Hi', body: 'Hello' } },
    { id: 'pause', type: 'wait', position: at, settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
    {
      id: 'replied',
      type: 'branch',
      position: at,
      settings: { condition: { field: 'engagement.emails_replied', operator: 'gt', value: 0 } },
    },
    {
      id: 'split',
      type: 'ab_split',
      position: at,
      settings: {
        variants: [
          { handle: 'a', weight: 1 },
          { handle: 'b', weight: 1 },
        ],
      },
    },
    { id: 'done', type: 'exit', position: at, settings: {} },
  ],
  edges: [
    { from: 'start', to: 'intro' },
    { from: 'intro', to: 'pause', handle: 'next' },
    { from: 'pause', to: 'replied' },
    { from: 'replied', to: 'done', handle: 'yes' },
    { from: 'replied', to: 'split', handle: 'no' },
    { from: 'split', to: 'intro', handle: 'a' },
    { from: 'split', to: 'done', handle: 'b' },
  ],
});

describe('nextNodeId', () => {
  it.each([
    ['start', undefined, 'intro'],
    ['intro', undefined, 'pause'],
    ['intro', 'next', 'pause'],
    ['pause', undefined, 'replied'],
    ['replied', 'yes', 'done'],
    ['replied', 'no', 'split'],
    ['split', 'a', 'intro'],
    ['split', 'b', 'done'],
    ['replied', undefined, null],
    ['pause', 'timeout', null],
    ['done', undefined, null],
    ['nowhere', undefined, null],
  ])('%s --%s--> %s', (from, handle, expected) => {
    expect(nextNodeId(definition, from, handle)).toBe(expected);
  });
});

describe('findNode', () => {
  it('finds step nodes by id, never the trigger', () => {
    expect(findNode(definition, 'pause')).toMatchObject({ id: 'pause', type: 'wait' });
    expect(findNode(definition, 'start')).toBeUndefined();
    expect(findNode(definition, 'ghost')).toBeUndefined();
  });
});
