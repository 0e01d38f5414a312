import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NODE_KINDS, NODE_TYPES } from '@cadenza/core';
import { DRAG_MIME, NodePalette } from './node-palette';

afterEach(cleanup);

describe('node palette', () => {
  it('lists every node kind under its category', () => {
    render(<NodePalette onAdd={() => {}} />);
    const palette = screen.getByRole('navigation', { name: 'node palette' });
    for (const type of NODE_TYPES) {
      const item = within(palette).getByTestId(`palette-${type}`);
      expect(item.textContent).toBe(NODE_KINDS[type].label);
      const list = item.closest('ul')!;
      const title = { trigger: 'Triggers', action: 'Actions', control: 'Control' }[NODE_KINDS[type].category];
      expect(list.getAttribute('aria-label')).toBe(title);
    }
  });

  it('adds a node on double-click or Enter, and carries its type when dragged', () => {
    const onAdd = vi.fn();
    render(<NodePalette onAdd={onAdd} />);
    const item = screen.getByTestId('palette-exit');
    fireEvent.doubleClick(item);
    fireEvent.keyDown(item, { key: 'Enter' });
    fireEvent.keyDown(item, { key: 'a' });
    expect(onAdd.mock.calls).toEqual([['exit'], ['exit']]);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), effectAllowed: '' };
    fireEvent.dragStart(item, { dataTransfer });
    expect(data.get(DRAG_MIME)).toBe('exit');
    expect(dataTransfer.effectAllowed).toBe('move');
  });
});
