import { useMemo, type ReactNode } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import {
  NODE_KINDS,
  type Condition,
  type CustomFieldDefinition,
  type FlowValidationError,
  type NodeType,
  type SenderChoice,
} from '@cadenza/core';
import { SchemaForm } from '../schema-form/schema-form';
import { settingsIssuesOf, settingsJsonSchemaOf, type JsonSchema } from '../schema-form/json-schema';
import { ConditionBuilder } from './condition-builder';
import { conditionFieldOptions, newRule } from './condition-model';
import type { DesignerNode } from './designer-types';
import type { SplitVariant } from './split-weights';
import { SenderPicker } from './sender-picker';
import { TemplateEditor } from './template-editor';
import { WeightsEditor } from './weights-editor';
import { AgentToolsPicker } from './agent-tools-picker';

export interface PropertyPanelProps {
  node: DesignerNode;
  /** The whole flow, for what a template may read from earlier steps. */
  nodes?: readonly DesignerNode[];
  customFields?: readonly CustomFieldDefinition[];
  apiErrors: FlowValidationError[];
  onSettingsChange: (settings: unknown) => void;
  onLabelChange: (label: string) => void;
  onDelete: () => void;
  /** Viewing an old version: nothing can be edited. */
  readOnly?: boolean;
}

type Settings = Record<string, unknown>;
interface WidgetContext {
  settings: Settings;
  nodes: readonly DesignerNode[];
  customFields: readonly CustomFieldDefinition[];
  errors: Record<string, string>;
  change: (patch: Settings) => void;
}

const conditionWidget = ({ settings, customFields, errors, change }: WidgetContext) => (
  <ConditionBuilder
    value={(settings.condition as Condition | undefined) ?? newRule()}
    path="condition"
    fields={conditionFieldOptions(customFields)}
    errors={errors}
    onChange={(condition) => change({ condition })}
  />
);

/**
 * Kinds whose settings read better with a dedicated widget than a generated form: the widget
 * owns the listed settings, the generated form shows the rest.
 */
const WIDGETS: Partial<Record<NodeType, { owns: string[]; render: (context: WidgetContext) => ReactNode }>> = {
  send_email: {
    owns: ['subject', 'body', 'sender'],
    render: ({ settings, nodes, errors, change }) => (
      <>
        <SenderPicker
          value={settings.sender as SenderChoice | undefined}
          threaded={settings.threadWithPrevious === true}
          error={errors['sender.mailboxId'] ?? errors['sender.poolId'] ?? errors.sender}
          onChange={(sender) => change({ sender })}
        />
        <TemplateEditor
          subject={typeof settings.subject === 'string' ? settings.subject : ''}
          body={typeof settings.body === 'string' ? settings.body : ''}
          nodes={nodes}
          fromName={typeof settings.fromName === 'string' ? settings.fromName : undefined}
          errors={errors}
          onChange={change}
        />
      </>
    ),
  },
  branch: { owns: ['condition'], render: (context) => conditionWidget(context) },
  goal: { owns: ['condition'], render: (context) => conditionWidget(context) },
  ab_split: {
    owns: ['variants'],
    render: ({ settings, errors, change }) => (
      <WeightsEditor
        variants={Array.isArray(settings.variants) ? (settings.variants as SplitVariant[]) : []}
        errors={errors}
        onChange={(variants) => change({ variants })}
      />
    ),
  },
  ai_agent: {
    owns: ['tools'],
    render: ({ settings, errors, change }) => (
      <AgentToolsPicker
        value={Array.isArray(settings.tools) ? (settings.tools as string[]) : []}
        error={errors.tools ?? Object.entries(errors).find(([path]) => path.startsWith('tools.'))?.[1]}
        onChange={(tools) => change({ tools })}
      />
    ),
  },
};

/** The schema without the settings a widget edits. */
function withoutProperties(schema: JsonSchema, keys: readonly string[]): JsonSchema {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => !keys.includes(key)));
  return { ...schema, properties, required: (schema.required ?? []).filter((key) => !keys.includes(key)) };
}

/**
 * The selected node's settings: a dedicated widget where one exists (template, condition,
 * split weights) and a form generated from the kind's zod schema for everything else. Problems
 * are checked with that same schema as the person types; the API's graph-level errors come on top.
 */
export function PropertyPanel(props: PropertyPanelProps) {
  const { node, apiErrors, onSettingsChange, onLabelChange, onDelete, readOnly = false } = props;
  const widget = WIDGETS[node.type];
  const schema = settingsJsonSchemaOf(node.type);
  const FormSchema = useMemo(() => (widget ? withoutProperties(schema, widget.owns) : schema), [schema, widget]);
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const issue of settingsIssuesOf(node.type, node.settings)) errors[issue.path] ??= issue.message;
    for (const error of apiErrors) {
      if (error.path?.startsWith('settings.')) errors[error.path.slice('settings.'.length)] ??= error.message;
    }
    return errors;
  }, [node.type, node.settings, apiErrors]);
  const graphErrors = apiErrors.filter((error) => !error.path?.startsWith('settings.'));
  const settings = (node.settings && typeof node.settings === 'object' ? node.settings : {}) as Settings;
  // A kind whose settings are a union (wait) has no properties but still needs its form.
  const hasForm = !widget || Object.keys(FormSchema.properties ?? {}).length > 0;

  return (
    <Box component="aside" aria-label="properties" sx={{ p: 2, overflowY: 'auto', height: '100%' }}>
      <Typography variant="overline" color="text.secondary">
        {NODE_KINDS[node.type].label}
      </Typography>
      <Typography variant="subtitle2" sx={{ mb: 1.5, fontFamily: 'monospace' }}>
        {node.id}
      </Typography>
      {/* A disabled fieldset makes every control inside read-only at once, for old versions. */}
      <Box component="fieldset" disabled={readOnly} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
        <Stack spacing={1.5}>
          {graphErrors.map((error, index) => (
            <Alert key={index} severity="error">
              {error.message}
            </Alert>
          ))}
          <TextField
            size="small"
            id="node-label"
            label="Title"
            value={node.label ?? ''}
            helperText="Shown on the canvas instead of the id"
            onChange={(event) => onLabelChange(event.target.value)}
          />
          {widget?.render({
            settings,
            nodes: props.nodes ?? [node],
            customFields: props.customFields ?? [],
            errors: fieldErrors,
            change: (patch) => onSettingsChange({ ...settings, ...patch }),
          })}
          {hasForm && (
            <SchemaForm schema={FormSchema} value={node.settings} errors={fieldErrors} onChange={onSettingsChange} />
          )}
          {!readOnly && (
            <Button color="error" variant="outlined" onClick={onDelete}>
              Delete step
            </Button>
          )}
        </Stack>
      </Box>
    </Box>
  );
}
