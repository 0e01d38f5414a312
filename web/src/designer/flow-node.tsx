import { Fragment, memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { NODE_KINDS, outputsOf, type FlowValidationError, type NodeType, type NodeSettings } from '@cadenza/core';
import './flow-node.css';

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
  const classes = [
    'flow-node',
    labelled && 'is-labelled',
    selected && 'is-selected',
    hasErrors && 'has-errors',
    data.highlighted && 'is-highlighted',
  ];
  return (
    <div className="flow-node-frame" data-testid={`run-count-${id}`}>
      <div
        className={classes.filter(Boolean).join(' ')}
        data-testid={`node-${id}`}
        style={{ '--flow-node-color': CATEGORY_COLORS[kind.category] } as CSSProperties}
      >
        {kind.category !== 'trigger' && <Handle type="target" position={Position.Left} />}
        <span className="flow-node-kind">{kind.label}</span>
        <span className="flow-node-title">{data.label ?? id}</span>
        {hasErrors && (
          // Every message in the browser's own tooltip; MUI's would bring its popper to the canvas.
          <span className="flow-node-error" role="alert" title={data.errors.map((error) => error.message).join('\n')}>
            {data.errors[0]!.message}
            {data.errors.length > 1 ? ` (+${data.errors.length - 1})` : ''}
          </span>
        )}
        {outputs.map((output, index) => {
          const left = `${((index + 1) / (outputs.length + 1)) * 100}%`;
          return (
            <Fragment key={output}>
              <Handle
                type="source"
                id={output}
                position={labelled ? Position.Bottom : Position.Right}
                style={labelled ? { left } : undefined}
              />
              {labelled && (
                <span className="flow-node-output" style={{ left }}>
                  {output}
                </span>
              )}
            </Fragment>
          );
        })}
      </div>
      {data.runCount > 0 && (
        <span className="flow-node-count" aria-label={`${data.runCount} runs here`}>
          {data.runCount}
        </span>
      )}
    </div>
  );
}

export const FlowNode = memo(FlowNodeView);
