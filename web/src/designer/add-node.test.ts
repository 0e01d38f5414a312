import { describe, expect, it } from 'vitest';
import { createStore } from '../store';
import { addNode } from './add-node';
import { designerActions, selectDesigner } from './designer-slice';
import { emptyDefinition } from './flow-graph';

describe('addNode', () => {
  it('adds the node with its kind’s default settings, loaded on demand, into the injected designer state', async () => {
    const store = createStore();
    store.dispatch(designerActions.loaded({ flowId: 'f1', draft: emptyDefinition() }));
    await store.dispatch(addNode('wait', { x: 10, y: 20 }));
    const designer = selectDesigner(store.getState());
    expect(designer.graph.nodes.find((node) => node.id === 'wait_1')).toEqual({
      id: 'wait_1',
      type: 'wait',
      position: { x: 10, y: 20 },
      settings: { mode: 'duration', duration: { amount: 1, unit: 'minutes' } },
    });
    expect(designer.selectedNodeId).toBe('wait_1');
  });
});
