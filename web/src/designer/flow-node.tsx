import { memo } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { Badge, Box, Paper, Tooltip, Typography } from '@mui/material';
import { NODE_KINDS, outputsOf, type FlowValidationError, type NodeType, type NodeSettings } from '@cadenza/core';

export type FlowNodeData = {
  type: NodeType;
  label?: string;
  settings: unknown;
  errors: FlowValidationError[];
  runCount: number;
  /** The chosen run sits here. */
  highlighted: boolean;
};
export type FlowCanvasNode = Node<FlowNodeData, 'flow'>;

const CATEGORY_COLORS = { trigger: '#0f9d8a', action: '#4b3fd1', control: '#d97706' } as const;

/** Outputs of a node, tolerating settings still being edited (an A/B split without variants). */
function safeOutputs(type: NodeType, settings: unknown): readonly string[] {
  try {
    return outputsOf({ type, settings: settings as NodeSettings[typeof type] });
  } catch {
    return [];
  }
}

/** One step on the canvas: kind, title, a handle per output (labelled when it is a branch), errors and live count. */
function FlowNodeView({ id, data, selected }: NodeProps<FlowCanvasNode>) {
  const kind = NODE_KINDS[data.type];
  const outputs = safeOutputs(data.type, data.settings);
  const labelled = outputs.length > 1 || (outputs[0] !== undefined && outputs[0] !== 'next');
  const hasErrors = data.errors.length > 0;
  return (
    <Badge
      badgeContent={data.runCount}
      color="secondary"
      invisible={data.runCount === 0}
      data-testid={`run-count-${id}`}
      slotProps={{ badge: { 'aria-label': `${data.runCount} runs here` } as object }}
    >
      <Paper
        elevation={selected ? 6 : 1}
        data-testid={`node-${id}`}
        sx={{
          minWidth: 170,
          px: 1.5,
          py: 1,
          pb: labelled ? 2.5 : 1,
          borderLeft: 4,
          borderColor: CATEGORY_COLORS[kind.category],
          outline: hasErrors ? '2px solid #d32f2f' : data.highlighted ? '2px dashed #0f9d8a' : 'none',
        }}
      >
        {kind.category !== 'trigger' && <Handle type="target" position={Position.Left} />}
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', lineHeight: 1.2 }}>
          {kind.label}
        </Typography>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {data.label ?? id}
        </Typography>
        {hasErrors && (
          <Tooltip title={data.errors.map((error) => error.message).join('\n')}>
            <Typography variant="caption" color="error" role="alert" sx={{ display: 'block', maxWidth: 220 }}>
              {data.errors[0]!.message}
              {data.errors.length > 1 ? ` (+${data.errors.length - 1})` : ''}
            </Typography>
          </Tooltip>
        )}
        {outputs.map((output, index) => {
          const left = `${((index + 1) / (outputs.length + 1)) * 100}%`;
          return (
            <Box key={output}>
              <Handle
                type="source"
                id={output}
                position={labelled ? Position.Bottom : Position.Right}
                style={labelled ? { left } : undefined}
              />
              {labelled && (
                <Typography
                  variant="caption"
                  sx={{ position: 'absolute', bottom: 2, left, transform: 'translateX(-50%)', fontSize: 10 }}
                >
                  {output}
                </Typography>
              )}
            </Box>
          );
        })}
      </Paper>
    </Badge>
  );
}

export const FlowNode = memo(FlowNodeView);
