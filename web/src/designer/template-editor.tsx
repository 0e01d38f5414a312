import { useRef, useState } from 'react';
import { Alert, Box, Button, ListSubheader, Menu, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { errorMessage } from '../api/cadenza-api';
import { ContactPicker } from './contact-picker';
import { usePreviewTemplateMutation, useTemplateVariablesQuery, type ContactOption } from './designer-api';
import type { DesignerNode } from './designer-types';
import { insertToken, variableGroups } from './template-variables';

type TemplateField = 'subject' | 'body';

export interface TemplateEditorProps {
  subject: string;
  body: string;
  /** Every node of the flow, for the outputs of earlier steps. */
  nodes: readonly DesignerNode[];
  /** The step's sender name, which {{sender.name}} prints in the preview as in the send. */
  fromName?: string;
  errors: Record<string, string>;
  onChange: (next: { subject: string; body: string }) => void;
}

/**
 * Subject and body of an email with a variable picker that inserts at the caret of the field
 * last edited, and a preview rendered by the API for a chosen contact (the same renderer the
 * send uses, so a missing variable shows here before it fails a run).
 */
export function TemplateEditor({ subject, body, nodes, fromName, errors, onChange }: TemplateEditorProps) {
  const catalogue = useTemplateVariablesQuery();
  const [preview, previewState] = usePreviewTemplateMutation();
  const [contact, setContact] = useState<ContactOption | null>(null);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const inputs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  const lastField = useRef<TemplateField>('body');
  const selection = useRef<Partial<Record<TemplateField, { start: number; end: number }>>>({});
  const values = { subject, body };

  const remember = (field: TemplateField) => () => {
    lastField.current = field;
    const element = inputs[field].current;
    if (element) selection.current[field] = { start: element.selectionStart ?? 0, end: element.selectionEnd ?? 0 };
  };
  const insert = (token: string) => {
    setMenuAnchor(null);
    const field = lastField.current;
    const next = insertToken(values[field], selection.current[field], token);
    onChange({ ...values, [field]: next.text });
    selection.current[field] = { start: next.caret, end: next.caret };
    // Put the caret after the inserted variable once React has written the new value.
    requestAnimationFrame(() => {
      const element = inputs[field].current;
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };
  const runPreview = () => {
    if (contact) void preview({ subject, body, contactId: contact.id, ...(fromName ? { fromName } : {}) });
  };

  const groups = variableGroups(catalogue.data, nodes);
  return (
    <Stack spacing={1.5} aria-label="email template">
      <TextField
        size="small"
        id="field-subject"
        label="Subject *"
        value={subject}
        inputRef={inputs.subject}
        error={Boolean(errors.subject)}
        helperText={errors.subject}
        onChange={(event) => onChange({ ...values, subject: event.target.value })}
        onSelect={remember('subject')}
        onFocus={remember('subject')}
      />
      <TextField
        size="small"
        id="field-body"
        label="Body *"
        value={body}
        multiline
        minRows={5}
        inputRef={inputs.body}
        error={Boolean(errors.body)}
        helperText={errors.body ?? 'HTML or plain text; {{default contact.firstName "there"}} gives a fallback'}
        onChange={(event) => onChange({ ...values, body: event.target.value })}
        onSelect={remember('body')}
        onFocus={remember('body')}
      />
      <Box>
        <Button
          size="small"
          variant="outlined"
          aria-haspopup="menu"
          // Keep the caret where it is: a mousedown here would blur the field first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => setMenuAnchor(event.currentTarget)}
        >
          Insert variable
        </Button>
        <Menu
          anchorEl={menuAnchor}
          open={Boolean(menuAnchor)}
          onClose={() => setMenuAnchor(null)}
          slotProps={{ paper: { sx: { maxHeight: 360 } } }}
        >
          {groups.flatMap((group) => [
            <ListSubheader key={`group-${group.title}`} title={group.description}>
              {group.title}
            </ListSubheader>,
            ...group.variables.map((v) => (
              <MenuItem key={v.token} dense onClick={() => insert(v.token)} data-token={v.token}>
                {v.label}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  {v.token}
                </Typography>
              </MenuItem>
            )),
          ])}
        </Menu>
      </Box>
      {catalogue.error && (
        <Alert severity="warning">Variables could not be loaded: {errorMessage(catalogue.error)}</Alert>
      )}
      <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0 }}>
        <Typography component="legend" variant="caption" sx={{ px: 0.5 }}>
          Preview
        </Typography>
        <Stack spacing={1}>
          <ContactPicker id="preview-contact" label="Preview for contact" value={contact} onChange={setContact} />
          <Button size="small" onClick={runPreview} disabled={!contact || previewState.isLoading}>
            Render preview
          </Button>
          {previewState.error && !previewState.isLoading && (
            <Alert severity="error">{errorMessage(previewState.error)}</Alert>
          )}
          {previewState.data && !previewState.error && (
            <Box role="region" aria-label="template preview">
              <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="preview-subject">
                {previewState.data.subject}
              </Typography>
              {/* A sandboxed frame: the rendered HTML shows as in a mail client, and runs nothing. */}
              <Box
                component="iframe"
                title="rendered email"
                sandbox=""
                srcDoc={previewState.data.html}
                sx={{ width: '100%', height: 180, border: 1, borderColor: 'divider', bgcolor: 'white' }}
              />
              <Typography variant="caption" component="pre" sx={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
                {previewState.data.text}
              </Typography>
            </Box>
          )}
        </Stack>
      </Box>
    </Stack>
  );
}
