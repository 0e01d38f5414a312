import { useState } from 'react';
import {
  Alert,
  Button,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  IconButton,
  ListItemText,
  MenuItem,
  TextField,
} from '@mui/material';
import type { SavedView } from '@cadenza/core';
import { errorMessage } from '../api/cadenza-api';
import { fieldErrorsOf } from '../crm-shared/field-errors';
import { LazyDialog, LazyMenu } from '../crm-shared/lazy-popups';
import {
  useCreateSavedViewMutation,
  useDeleteSavedViewMutation,
  useSavedViewsQuery,
  useUpdateSavedViewMutation,
} from './contacts-api';
import type { ContactListArgs } from './contact-query';

interface Props {
  current: ContactListArgs;
  activeViewId: string | null;
  onApply: (view: SavedView | null) => void;
}

/** The user's saved views: apply one, save the current filters as a new one, update or delete. */
export function SavedViewsMenu({ current, activeViewId, onApply }: Props) {
  const views = useSavedViewsQuery();
  const [create, created] = useCreateSavedViewMutation();
  const [update] = useUpdateSavedViewMutation();
  const [remove] = useDeleteSavedViewMutation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const active = views.data?.find((v) => v.id === activeViewId) ?? null;

  const save = async () => {
    const result = await create({ name: name.trim(), filters: current.filters, sort: current.sort });
    if ('data' in result && result.data) {
      setNaming(false);
      setName('');
      onApply(result.data);
    }
  };

  return (
    <>
      <Button variant="outlined" size="small" onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu">
        {active ? `View: ${active.name}` : 'Views'}
      </Button>
      <LazyMenu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem
          onClick={() => {
            onApply(null);
            setAnchor(null);
          }}
          selected={!activeViewId}
        >
          All contacts
        </MenuItem>
        {(views.data ?? []).map((view) => (
          <MenuItem
            key={view.id}
            selected={view.id === activeViewId}
            onClick={() => {
              onApply(view);
              setAnchor(null);
            }}
          >
            <ListItemText>{view.name}</ListItemText>
            <IconButton
              size="small"
              aria-label={`delete view ${view.name}`}
              onClick={(e) => {
                e.stopPropagation();
                void remove(view.id);
                if (view.id === activeViewId) onApply(null);
              }}
            >
              ×
            </IconButton>
          </MenuItem>
        ))}
        <Divider />
        {active && (
          <MenuItem
            onClick={() => {
              void update({ id: active.id, patch: { filters: current.filters, sort: current.sort } });
              setAnchor(null);
            }}
          >
            Update “{active.name}” with these filters
          </MenuItem>
        )}
        <MenuItem
          onClick={() => {
            setNaming(true);
            setAnchor(null);
          }}
        >
          Save as new view…
        </MenuItem>
      </LazyMenu>
      <LazyDialog open={naming} onClose={() => setNaming(false)}>
        <DialogTitle>Save view</DialogTitle>
        <DialogContent>
          <TextField
            id="view-name"
            autoFocus
            fullWidth
            margin="dense"
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={Boolean(fieldErrorsOf(created.error).name)}
            helperText={fieldErrorsOf(created.error).name}
          />
          {created.error && !fieldErrorsOf(created.error).name ? (
            <Alert severity="error">{errorMessage(created.error)}</Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(false)}>Cancel</Button>
          <Button variant="contained" onClick={() => void save()} disabled={!name.trim() || created.isLoading}>
            Save
          </Button>
        </DialogActions>
      </LazyDialog>
    </>
  );
}
