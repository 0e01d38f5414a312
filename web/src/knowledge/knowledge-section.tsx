import { useState } from 'react';
import { Alert, Box, Button, Chip, MenuItem, Stack, TableCell, TextField, Tooltip, Typography } from '@mui/material';
import type { KnowledgeDocument, KnowledgeDocumentCreate } from '@cadenza/core';
import { RequestError } from '../settings/section-feedback';
import { SettingsTable } from '../settings/settings-table';
import {
  useAddKnowledgeDocumentMutation,
  useDeleteKnowledgeDocumentMutation,
  useKnowledgeDocumentsQuery,
} from './knowledge-api';
import { anyIndexing, uploadOf } from './knowledge-upload';

const STATUS_COLOR = { indexing: 'info', ready: 'success', failed: 'error' } as const;

function StatusChip({ document }: { document: KnowledgeDocument }) {
  const chip = <Chip size="small" color={STATUS_COLOR[document.status]} label={document.status} />;
  return document.error ? <Tooltip title={document.error}>{chip}</Tooltip> : chip;
}

/** A small select over a fixed set of values, each with its label. */
function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  choices: Record<T, string>;
  onChange: (value: T) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as T)}
      sx={{ minWidth: 130 }}
    >
      {(Object.entries(props.choices) as Array<[T, string]>).map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}

const EMPTY_FORM: KnowledgeDocumentCreate = { kind: 'snippet', title: '', format: 'text', text: '' };

/**
 * The workspace's knowledge base: documents and snippets the AI and the semantic search draw on.
 * Everyone sees the list; admins and marketers add (a .txt or .md file, or pasted text) and delete.
 * An addition is indexed on the worker: the list shows 'indexing' until it is 'ready' (or why it failed).
 */
export function KnowledgeSection({ canManage }: { canManage: boolean }) {
  const [polling, setPolling] = useState(false);
  const documents = useKnowledgeDocumentsQuery(undefined, { pollingInterval: polling ? 1000 : 0 });
  const indexing = anyIndexing(documents.data);
  if (indexing !== polling) setPolling(indexing);
  const [add, addState] = useAddKnowledgeDocumentMutation();
  const [remove, removeState] = useDeleteKnowledgeDocumentMutation();
  const [form, setForm] = useState<KnowledgeDocumentCreate>(EMPTY_FORM);
  const [fileError, setFileError] = useState<string | null>(null);

  const addFile = async (file: File) => {
    const upload = uploadOf(file.name, file.size);
    if ('error' in upload) return setFileError(upload.error);
    setFileError(null);
    await add({ kind: 'document', title: upload.title, format: upload.format, text: await file.text() });
  };

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        Documents and snippets the semantic search and the AI draw on. Contacts’ notes and timeline are searchable too,
        each person seeing only the contacts they may see.
      </Typography>
      <RequestError error={documents.error ?? removeState.error} />
      <SettingsTable
        label="knowledge documents"
        columns={['Title', 'Kind', 'Status', 'Chunks', 'Size']}
        rows={documents.data}
        cells={(document) => (
          <>
            <TableCell>{document.title}</TableCell>
            <TableCell>
              {document.kind}
              {document.format === 'markdown' ? ' (Markdown)' : ''}
            </TableCell>
            <TableCell>
              <StatusChip document={document} />
            </TableCell>
            <TableCell>{document.chunks}</TableCell>
            <TableCell>
              {document.bytes < 1000 ? `${document.bytes} B` : `${Math.round(document.bytes / 1000)} KB`}
            </TableCell>
            <TableCell align="right">
              {canManage && (
                <Button
                  size="small"
                  color="error"
                  aria-label={`delete ${document.title}`}
                  onClick={() => void remove(document.id)}
                >
                  Delete
                </Button>
              )}
            </TableCell>
          </>
        )}
      />
      {documents.data?.length === 0 && <Typography color="text.secondary">No documents yet.</Typography>}
      {canManage && (
        <>
          <Box>
            <Button variant="outlined" component="label">
              Upload a .txt or .md file
              <input
                hidden
                type="file"
                aria-label="knowledge file"
                accept=".txt,.text,.md,.markdown,text/plain,text/markdown"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void addFile(file);
                }}
              />
            </Button>
            {fileError && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {fileError}
              </Alert>
            )}
          </Box>
          <Box
            component="form"
            aria-label="add knowledge snippet"
            onSubmit={async (event) => {
              event.preventDefault();
              const result = await add(form);
              if (!('error' in result)) setForm(EMPTY_FORM);
            }}
          >
            <Typography variant="subtitle2" gutterBottom>
              Or paste a text
            </Typography>
            <Stack spacing={1}>
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
                <TextField
                  size="small"
                  label="Title"
                  required
                  value={form.title}
                  onChange={(e) => setForm({ ...form, title: e.target.value })}
                />
                <ChoiceField
                  label="Kind"
                  value={form.kind}
                  choices={{ snippet: 'snippet', document: 'document' }}
                  onChange={(kind) => setForm({ ...form, kind })}
                />
                <ChoiceField
                  label="Format"
                  value={form.format}
                  choices={{ text: 'plain text', markdown: 'Markdown' }}
                  onChange={(format) => setForm({ ...form, format })}
                />
              </Stack>
              <TextField
                label="Text"
                required
                multiline
                minRows={3}
                maxRows={12}
                value={form.text}
                onChange={(e) => setForm({ ...form, text: e.target.value })}
              />
              <Button type="submit" variant="contained" disabled={addState.isLoading} sx={{ alignSelf: 'flex-start' }}>
                Add to knowledge
              </Button>
            </Stack>
          </Box>
          <RequestError error={addState.error} />
        </>
      )}
    </Stack>
  );
}
