import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { LEAD_STATUSES, LIFECYCLE_STAGES, type Contact, type CustomFieldDefinition } from '@cadenza/core';
import { errorMessage } from '../api/cadenza-api';
import { fieldErrorsOf } from '../crm-shared/field-errors';
import { humanize } from './contact-format';
import { formFromContact, patchFromForm, type ContactForm } from './contact-form-model';
import { useUpdateContactMutation } from './contacts-api';
import { formatDateTime } from '../format/plain-format';

const TEXT_FIELDS = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['title', 'Title'],
  ['tags', 'Tags (comma separated)'],
] as const;

interface Props {
  contact: Contact;
  definitions: CustomFieldDefinition[];
  canEdit: boolean;
}

/** The contact's fields and custom fields; editable in place, with each refused field named under its input. */
export function ContactDetailsCard({ contact, definitions, canEdit }: Props) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<ContactForm>(() => formFromContact(contact, definitions));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [update, updating] = useUpdateContactMutation();
  // Live changes show at once while the user is not editing; an open form keeps what they typed.
  const fresh = useMemo(() => formFromContact(contact, definitions), [contact, definitions]);
  useEffect(() => {
    if (!editing) setForm(fresh);
  }, [fresh, editing]);

  const serverErrors = fieldErrorsOf(updating.error);
  const errors = { ...serverErrors, ...clientErrors };
  const save = async () => {
    const { patch, errors: problems } = patchFromForm(contact, form, definitions);
    setClientErrors(problems);
    if (Object.keys(problems).length) return;
    if (Object.keys(patch).length === 0) return setEditing(false);
    const result = await update({ id: contact.id, patch });
    if (!('error' in result)) setEditing(false);
  };
  const input = (key: string, label: string, value: string, onChange: (v: string) => void, select?: string[]) => (
    <TextField
      key={key}
      id={`contact-${key.replace('.', '-')}`}
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={!editing}
      error={Boolean(errors[key])}
      helperText={errors[key]}
      select={Boolean(select)}
      slotProps={select ? { select: { native: true }, inputLabel: { shrink: true } } : undefined}
    >
      {select ? (
        <>
          <option value="">—</option>
          {select.map((option) => (
            <option key={option} value={option}>
              {humanize(option)}
            </option>
          ))}
        </>
      ) : undefined}
    </TextField>
  );

  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 2 }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            Details
          </Typography>
          {canEdit && !editing && (
            <Button size="small" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          {editing && (
            <>
              <Button
                size="small"
                onClick={() => {
                  setEditing(false);
                  setClientErrors({});
                  updating.reset();
                }}
              >
                Cancel
              </Button>
              <Button size="small" variant="contained" onClick={() => void save()} disabled={updating.isLoading}>
                Save
              </Button>
            </>
          )}
        </Stack>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 2 }}>
          {TEXT_FIELDS.map(([key, label]) => input(key, label, form[key], (v) => setForm({ ...form, [key]: v })))}
          {input(
            'lifecycleStage',
            'Lifecycle stage',
            form.lifecycleStage,
            (v) => setForm({ ...form, lifecycleStage: v }),
            [...LIFECYCLE_STAGES],
          )}
          {input('leadStatus', 'Lead status', form.leadStatus, (v) => setForm({ ...form, leadStatus: v }), [
            ...LEAD_STATUSES,
          ])}
          {definitions.map((d) =>
            input(
              `customFields.${d.key}`,
              d.label,
              form.custom[d.key] ?? '',
              (v) => setForm({ ...form, custom: { ...form.custom, [d.key]: v } }),
              d.type === 'select' ? d.options : d.type === 'boolean' ? ['true', 'false'] : undefined,
            ),
          )}
        </Box>
        {updating.error && Object.keys(serverErrors).length === 0 ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorMessage(updating.error)}
          </Alert>
        ) : null}
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 2 }}>
          {contact.companyName ? `Works at ${contact.companyName} · ` : ''}
          {contact.source ? `Source: ${contact.source} · ` : ''}
          Updated {formatDateTime(contact.updatedAt)}
        </Typography>
      </CardContent>
    </Card>
  );
}
