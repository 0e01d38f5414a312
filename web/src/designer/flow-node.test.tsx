import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReactFlowProvider } from '@xyflow/react';
import type { ComponentProps } from 'react';
import { FlowNode, type FlowNodeData } from './flow-node';

afterEach(cleanup);

const data = (patch: Partial<FlowNodeData>): FlowNodeData => ({
  type: 'wait',
  settings: { duration: { amount: 1, unit: 'days' } },
  errors: [],
  runCount: 0,
  highlighted: false,
  ...patch,
});

const renderNode = (id: string, nodeData: FlowNodeData, selected = false) =>
  render(
    <ReactFlowProvider>
      <FlowNode {...({ id, data: nodeData, selected } as unknown as ComponentProps<typeof FlowNode>)} />
    </ReactFlowProvider>,
  );

describe('flow node', () => {
  it('shows its kind and title, and a run count only when runs sit there', () => {
    renderNode('wait_1', data({ label: 'Wait a day' }));
    const node = screen.getByTestId('node-wait_1');
    expect(node.textContent).toContain('Wait');
    expect(node.textContent).toContain('Wait a day');
    expect(screen.queryByLabelText(/runs here/)).toBeNull();
    cleanup();
    renderNode('wait_1', data({ runCount: 3 }), true);
    expect(screen.getByLabelText('3 runs here').textContent).toBe('3');
    expect(screen.getByTestId('node-wait_1').textContent).toContain('wait_1');
    expect(screen.getByTestId('node-wait_1').className).toContain('is-selected');
  });

  it('shows the first error, counts the others, and keeps them all in its tooltip', () => {
    renderNode(
      'mail',
      data({
        errors: [
          { nodeId: 'mail', path: 'subject', message: 'subject is required' },
          { nodeId: 'mail', path: 'body', message: 'body is required' },
        ] as FlowNodeData['errors'],
      }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('subject is required (+1)');
    expect(alert.getAttribute('title')).toBe('subject is required\nbody is required');
    expect(screen.getByTestId('node-mail').className).toContain('has-errors');
  });

  it('labels each output of a branch', () => {
    renderNode('branch_1', data({ type: 'branch', settings: { conditions: [] } }));
    const labels = [...document.querySelectorAll('.flow-node-output')].map((label) => label.textContent);
    expect(labels).toEqual(['yes', 'no']);
  });
});
