import { describe, expect, it } from 'vitest';
import { FlowDefinitionSchema, validateFlowDefinition, type NodeType } from '@cadenza/core';
import { defaultSettingsOf } from './default-settings';
import { designerActions as a, designerSlice, type DesignerState } from './designer-slice';
import { emptyDefinition, toDefinition } from './flow-graph';

const reduce = (state: DesignerState, ...actions: Parameters<typeof designerSlice.reducer>[1][]) =>
  actions.reduce(designerSlice.reducer, state);
// What `addNode` dispatches: the kind's default settings.
const added = (type: NodeType, position: { x: number; y: number }) =>
  a.nodeAdded({ type, position, settings: defaultSettingsOf(type) });
const start = () => designerSlice.reducer(undefined, a.loaded({ flowId: 'f1', draft: emptyDefinition() }));

describe('designer state', () => {
  it('builds a branching sequence whose definition the core validator accepts', () => {
    let state = reduce(
      start(),
      added('add_tag', { x: 300, y: 0 }),
      a.settingsChanged({ id: 'add_tag_1', settings: { tag: 'lead' } }),
      added('branch', { x: 500, y: 0 }),
      a.settingsChanged({ id: 'branch_1', settings: { condition: { field: 'contact.email', operator: 'is_set' } } }),
      added('wait', { x: 700, y: -100 }),
      added('exit', { x: 700, y: 100 }),
      a.connected({ from: 'start', to: 'add_tag_1' }),
      a.connected({ from: 'add_tag_1', to: 'branch_1' }),
      a.connected({ from: 'branch_1', to: 'wait_1', handle: 'yes' }),
      a.connected({ from: 'branch_1', to: 'exit_1', handle: 'no' }),
    );
    const definition = toDefinition(state.graph);
    expect(definition.edges).toContainEqual({ from: 'start', to: 'add_tag_1' });
    expect(definition.edges).toContainEqual({ from: 'branch_1', to: 'wait_1', handle: 'yes' });
    // A new wait starts with the schema's first variant, its required fields and a valid positive amount.
    expect(definition.nodes.find((n) => n.id === 'wait_1')?.settings).toEqual({
      mode: 'duration',
      duration: { amount: 1, unit: 'minutes' },
    });
    const result = validateFlowDefinition(FlowDefinitionSchema.parse(definition));
    expect(result).toMatchObject({ ok: true });

    // Reconnecting an output replaces its edge rather than adding a second one.
    state = reduce(state, a.connected({ from: 'branch_1', to: 'exit_1', handle: 'yes' }));
    expect(state.graph.edges.filter((e) => e.from === 'branch_1' && e.handle === 'yes')).toHaveLength(1);
  });

  it('undoes and redoes every change, and a new change clears redo', () => {
    let state = reduce(start(), added('add_tag', { x: 1, y: 2 }));
    state = reduce(state, a.settingsChanged({ id: 'add_tag_1', settings: { tag: 'x' } }));
    state = reduce(state, a.undone());
    expect(state.graph.nodes.find((n) => n.id === 'add_tag_1')?.settings).toEqual({ tag: '' });
    state = reduce(state, a.undone());
    expect(state.graph.nodes.map((n) => n.id)).toEqual(['start']);
    state = reduce(state, a.redone(), a.redone());
    expect(state.graph.nodes.find((n) => n.id === 'add_tag_1')?.settings).toEqual({ tag: 'x' });
    state = reduce(state, a.undone(), added('exit', { x: 0, y: 0 }));
    expect(state.future).toEqual([]);
    expect(reduce(state, a.redone()).graph).toEqual(state.graph);
  });

  it('records a drag as one undo step, and removing a node removes its edges', () => {
    let state = reduce(start(), added('exit', { x: 0, y: 0 }), a.connected({ from: 'start', to: 'exit_1' }));
    state = reduce(
      state,
      a.dragStarted(),
      a.nodesDragged([{ id: 'exit_1', position: { x: 10, y: 0 } }]),
      a.nodesDragged([{ id: 'exit_1', position: { x: 20, y: 0 } }]),
    );
    expect(reduce(state, a.undone()).graph.nodes[1]?.position).toEqual({ x: 0, y: 0 });
    state = reduce(state, a.removed({ nodeIds: ['exit_1'], edgeIds: [] }));
    expect(state.graph.edges).toEqual([]);
  });

  it('keeps one trigger: dropping another kind of trigger replaces the first', () => {
    const state = reduce(start(), added('api_call', { x: 0, y: 0 }));
    expect(state.graph.nodes.map((n) => [n.id, n.type])).toEqual([['start', 'api_call']]);
  });

  it('groups API errors by node, flow-wide ones under ""', () => {
    const state = reduce(
      start(),
      a.validated([
        { code: 'unreachable_node', message: 'x', nodeId: 'n1' },
        { code: 'malformed_definition', message: 'y' },
      ]),
    );
    expect(Object.keys(state.errors).sort()).toEqual(['', 'n1']);
  });

  it('lays out and edits flow settings as single undo steps', () => {
    let state = reduce(start(), added('exit', { x: 5, y: 5 }));
    state = reduce(state, a.laidOut({ start: { x: 0, y: 0 }, exit_1: { x: 300, y: 0 } }));
    expect(state.graph.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 300, y: 0 },
    ]);
    expect(reduce(state, a.undone()).graph.nodes[1]?.position).toEqual({ x: 5, y: 5 });
    state = reduce(state, a.flowSettingsChanged({ reenrollment: { policy: 'after_exit' } }));
    expect(toDefinition(state.graph).settings).toEqual({ reenrollment: { policy: 'after_exit' } });
    expect(reduce(state, a.undone()).graph.settings).toEqual({});
  });

  it('threads a new send_email connected after another one, unless someone chose otherwise', () => {
    const threading = (state: DesignerState, id: string) =>
      (state.graph.nodes.find((n) => n.id === id)?.settings as { threadWithPrevious?: boolean }).threadWithPrevious;
    let state = reduce(
      start(),
      added('send_email', { x: 200, y: 0 }),
      added('wait', { x: 400, y: 0 }),
      added('send_email', { x: 600, y: 0 }),
      a.connected({ from: 'start', to: 'send_email_1' }),
      a.connected({ from: 'send_email_1', to: 'wait_1' }),
      a.connected({ from: 'wait_1', to: 'send_email_2' }),
    );
    // The first email starts the thread; the follow-up answers in it.
    expect(threading(state, 'send_email_1')).not.toBe(true);
    expect(threading(state, 'send_email_2')).toBe(true);

    // A follow-up whose threading was switched off before it was connected stays off.
    state = reduce(
      state,
      added('send_email', { x: 800, y: 0 }),
      a.settingsChanged({
        id: 'send_email_3',
        settings: { subject: 'New topic', body: 'x', threadWithPrevious: true },
      }),
      a.settingsChanged({
        id: 'send_email_3',
        settings: { subject: 'New topic', body: 'x', threadWithPrevious: false },
      }),
      a.connected({ from: 'send_email_2', to: 'send_email_3' }),
    );
    expect(threading(state, 'send_email_3')).toBe(false);

    // Steps of a loaded (stored) flow are never changed by connecting them.
    const stored = designerSlice.reducer(
      undefined,
      a.loaded({
        flowId: 'f2',
        draft: {
          ...emptyDefinition(),
          nodes: [
            { id: 'one', type: 'send_email', position: { x: 1, y: 0 }, settings: { subject: 'a', body: 'b' } },
            { id: 'two', type: 'send_email', position: { x: 2, y: 0 }, settings: { subject: 'c', body: 'd' } },
          ],
        },
      }),
    );
    const reconnected = reduce(stored, a.connected({ from: 'one', to: 'two' }));
    expect(threading(reconnected, 'two')).toBeUndefined();
  });
});
