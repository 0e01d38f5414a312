import { useEffect, useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { contactLabel, useSearchContactsQuery, type ContactOption } from './designer-api';

export interface ContactPickerProps {
  id: string;
  label?: string;
  value: ContactOption | null;
  onChange: (contact: ContactOption | null) => void;
}

/** Search-as-you-type over the workspace's contacts (name, email, company), for previews and test runs. */
export function ContactPicker({ id, label = 'Contact', value, onChange }: ContactPickerProps) {
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  // Nothing is fetched until the list is opened: a panel with a picker costs no request.
  const [open, setOpen] = useState(false);
  // A short pause before asking, so typing a name is one request rather than one per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(input === (value ? contactLabel(value) : '') ? '' : input), 250);
    return () => clearTimeout(timer);
  }, [input, value]);
  const contacts = useSearchContactsQuery(query, { skip: !open });
  return (
    <Autocomplete
      id={id}
      size="small"
      options={contacts.data ?? []}
      loading={contacts.isFetching}
      value={value}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      onChange={(_event, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_event, next) => setInput(next)}
      getOptionLabel={contactLabel}
      isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
      filterOptions={(options) => options}
      noOptionsText={contacts.error ? 'Contacts could not be loaded' : 'No contact matches'}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
}
