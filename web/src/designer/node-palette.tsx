import type { DragEvent, KeyboardEvent } from 'react';
import { NODE_KINDS, NODE_TYPES, type NodeCategory, type NodeType } from '@cadenza/core';
import './node-palette.css';

export const DRAG_MIME = 'application/x-cadenza-node';

const CATEGORIES: Array<{ category: NodeCategory; title: string }> = [
  { category: 'trigger', title: 'Triggers' },
  { category: 'action', title: 'Actions' },
  { category: 'control', title: 'Control' },
];

/**
 * Every node kind by category; drag one onto the canvas, or double-click it (Enter from the
 * keyboard) to add it at the centre.
 */
export function NodePalette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(DRAG_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  };
  const onKeyDown = (event: KeyboardEvent, type: NodeType) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onAdd(type);
  };
  return (
    <nav aria-label="node palette" className="node-palette">
      {CATEGORIES.map(({ category, title }) => (
        <ul key={category} aria-label={title}>
          <li className="node-palette-heading" aria-hidden>
            {title}
          </li>
          {NODE_TYPES.filter((type) => NODE_KINDS[type].category === category).map((type) => (
            <li key={type}>
              <div
                role="button"
                tabIndex={0}
                className="node-palette-item"
                draggable
                data-testid={`palette-${type}`}
                onDragStart={(event) => onDragStart(event, type)}
                onDoubleClick={() => onAdd(type)}
                onKeyDown={(event) => onKeyDown(event, type)}
              >
                {NODE_KINDS[type].label}
              </div>
            </li>
          ))}
        </ul>
      ))}
    </nav>
  );
}
