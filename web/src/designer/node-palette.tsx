import type { DragEvent } from 'react';
import { Box, List, ListItemButton, ListItemText, ListSubheader } from '@mui/material';
import { NODE_KINDS, NODE_TYPES, type NodeCategory, type NodeType } from '@cadenza/core';

export const DRAG_MIME = 'application/x-cadenza-node';

const CATEGORIES: Array<{ category: NodeCategory; title: string }> = [
  { category: 'trigger', title: 'Triggers' },
  { category: 'action', title: 'Actions' },
  { category: 'control', title: 'Control' },
];

/** Every node kind by category; drag one onto the canvas (or click it to add it at the centre). */
export function NodePalette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(DRAG_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <Box component="nav" aria-label="node palette" sx={{ overflowY: 'auto', height: '100%' }}>
      <List dense disablePadding>
        {CATEGORIES.map(({ category, title }) => [
          <ListSubheader key={category} disableSticky>
            {title}
          </ListSubheader>,
          ...NODE_TYPES.filter((type) => NODE_KINDS[type].category === category).map((type) => (
            <ListItemButton
              key={type}
              draggable
              data-testid={`palette-${type}`}
              onDragStart={(event) => onDragStart(event, type)}
              onDoubleClick={() => onAdd(type)}
              sx={{ cursor: 'grab' }}
            >
              <ListItemText primary={NODE_KINDS[type].label} />
            </ListItemButton>
          )),
        ])}
      </List>
    </Box>
  );
}
