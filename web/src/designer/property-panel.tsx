import { useMemo } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { NODE_KINDS, type FlowValidationError } from '@cadenza/core';
import { SchemaForm } from '../schema-form/schema-form';
import { settingsIssuesOf, settingsJsonSchemaOf } from '../schema-form/json-schema';
import type { DesignerNode } from './designer-types';

export interface PropertyPanelProps {
  node: DesignerNode;
  apiErrors: FlowValidationError[];
  onSettingsChange: (settings: unknown) => void;
  onLabelChange: (label: string) => void;
  onDelete: () => void;
}

/**
 * The selected node's settings, as a form generated from its kind's zod schema. Problems are
 * checked with that same schema as the person types; the API's graph-level errors come on top.
 */
export function PropertyPanel({ node, apiErrors, onSettingsChange, onLabelChange, onDelete }: PropertyPanelProps) {
  const schema = settingsJsonSchemaOf(node.type);
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const issue of settingsIssuesOf(node.type, node.settings)) errors[issue.path] ??= issue.message;
    for (const error of apiErrors) {
      if (error.path?.startsWith('settings.')) errors[error.path.slice('settings.'.length)] ??= error.message;
    }
    return errors;
  }, [node.type, node.settings, apiErrors]);
  const graphErrors = apiErrors.filter((error) => !error.path?.startsWith('settings.'));

  return (
    <Box component="aside" aria-label="properties" sx={{ p: 2, overflowY: 'auto', height: '100%' }}>
      <Typography variant="overline" color="text.secondary">
        {NODE_KINDS[node.type].label}
      </Typography>
      <Typography variant="subtitle2" sx={{ mb: 1.5, fontFamily: 'monospace' }}>
        {node.id}
      </Typography>
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
        <SchemaForm schema={schema} value={node.settings} errors={fieldErrors} onChange={onSettingsChange} />
        <Button color="error" variant="outlined" onClick={onDelete}>
          Delete step
        </Button>
      </Stack>
    </Box>
  );
}
