import { useEffect, useState, type ReactNode } from 'react';
import { Box, Button, Chip, FormControlLabel, Stack, Switch, TextField } from '@mui/material';
import { LEAD_STATUSES, LIFECYCLE_STAGES, type ContactViewFilters, type CustomFieldDefinition } from '@cadenza/core';
import { humanize } from './contact-format';

export interface OwnerOption {
  id: string;
  label: string;
}

interface Props {
  filters: ContactViewFilters;
  onChange: (filters: ContactViewFilters) => void;
  customFields: CustomFieldDefinition[];
  owners: OwnerOption[];
  /**
   * Search by meaning: the box's text goes to the semantic search of notes and timeline (`onQuery`)
   * instead of the list's name/email/company filter. Omitted: no toggle.
   */
  meaning?: { on: boolean; onToggle: (on: boolean, text: string) => void; onQuery: (text: string) => void };
}

const SEARCH_DEBOUNCE_MS = 300;

function NativeSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  width?: number;
}) {
  return (
    <TextField
      id={props.id}
      select
      size="small"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ width: props.width ?? 170 }}
    >
      {props.children}
    </TextField>
  );
}

const toScore = (text: string): number | undefined => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
};

/** Server-side filters of the contacts table: every change becomes a new list query. */
export function ContactFilters({ filters, onChange, customFields, owners, meaning }: Props) {
  const [search, setSearch] = useState(filters.q ?? '');
  const [tagText, setTagText] = useState((filters.tag ?? []).join(', '));
  const [fieldKey, setFieldKey] = useState('');
  const [fieldValue, setFieldValue] = useState('');
  // A saved view replaces the filters from outside: show its values.
  useEffect(() => {
    if (!meaning?.on) setSearch(filters.q ?? '');
  }, [filters.q]);
  useEffect(() => setTagText((filters.tag ?? []).join(', ')), [filters.tag]);
  useEffect(() => {
    if (meaning?.on) {
      const timer = setTimeout(() => meaning.onQuery(search.trim()), SEARCH_DEBOUNCE_MS);
      return () => clearTimeout(timer);
    }
    if ((filters.q ?? '') === search.trim()) return;
    const timer = setTimeout(() => onChange({ ...filters, q: search.trim() || undefined }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // Only typing starts a search; the other filters are read as they are when the timer fires.
  }, [search]);

  const set = (patch: Partial<ContactViewFilters>) => onChange({ ...filters, ...patch });
  const applyTags = () => {
    const tags = tagText
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    set({ tag: tags.length ? tags : undefined });
  };
  const selected = customFields.find((f) => f.key === fieldKey);
  const addCustomFilter = () => {
    if (!fieldKey || !fieldValue.trim()) return;
    set({ customField: [...(filters.customField ?? []), `${fieldKey}:${fieldValue.trim()}`] });
    setFieldValue('');
  };

  return (
    <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
      <TextField
        id="contact-search"
        size="small"
        label="Search"
        placeholder={meaning?.on ? 'what was said or done' : 'name, email, company'}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        sx={{ width: 220 }}
      />
      {meaning && (
        <FormControlLabel
          control={
            <Switch
              size="small"
              checked={meaning.on}
              onChange={(e) => meaning.onToggle(e.target.checked, search.trim())}
            />
          }
          label="by meaning"
          sx={{ mr: 1 }}
        />
      )}
      <NativeSelect
        id="filter-stage"
        label="Stage"
        value={filters.lifecycleStage ?? ''}
        onChange={(v) => set({ lifecycleStage: (v || undefined) as ContactViewFilters['lifecycleStage'] })}
      >
        <option value="">Any stage</option>
        {LIFECYCLE_STAGES.map((s) => (
          <option key={s} value={s}>
            {humanize(s)}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        id="filter-status"
        label="Lead status"
        value={filters.leadStatus ?? ''}
        onChange={(v) => set({ leadStatus: (v || undefined) as ContactViewFilters['leadStatus'] })}
        width={150}
      >
        <option value="">Any status</option>
        {LEAD_STATUSES.map((s) => (
          <option key={s} value={s}>
            {humanize(s)}
          </option>
        ))}
      </NativeSelect>
      {owners.length > 0 && (
        <NativeSelect
          id="filter-owner"
          label="Owner"
          value={filters.ownerId ?? ''}
          onChange={(v) => set({ ownerId: v || undefined })}
          width={150}
        >
          <option value="">Anyone</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      )}
      <TextField
        id="filter-tags"
        size="small"
        label="Tags (all of)"
        placeholder="vip, beta"
        value={tagText}
        onChange={(e) => setTagText(e.target.value)}
        onBlur={applyTags}
        onKeyDown={(e) => e.key === 'Enter' && applyTags()}
        sx={{ width: 150 }}
      />
      <TextField
        id="filter-score-min"
        size="small"
        type="number"
        label="Score ≥"
        value={filters.scoreMin ?? ''}
        onChange={(e) => set({ scoreMin: toScore(e.target.value) })}
        slotProps={{ htmlInput: { min: 0, max: 100 } }}
        sx={{ width: 90 }}
      />
      <TextField
        id="filter-score-max"
        size="small"
        type="number"
        label="Score ≤"
        value={filters.scoreMax ?? ''}
        onChange={(e) => set({ scoreMax: toScore(e.target.value) })}
        slotProps={{ htmlInput: { min: 0, max: 100 } }}
        sx={{ width: 90 }}
      />
      {customFields.length > 0 && (
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}>
          <NativeSelect id="filter-field-key" label="Custom field" value={fieldKey} onChange={setFieldKey} width={150}>
            <option value="">Field…</option>
            {customFields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </NativeSelect>
          {selected?.type === 'select' ? (
            <NativeSelect
              id="filter-field-value"
              label="equals"
              value={fieldValue}
              onChange={setFieldValue}
              width={130}
            >
              <option value="">Value…</option>
              {selected.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </NativeSelect>
          ) : (
            <TextField
              id="filter-field-value"
              size="small"
              label="equals"
              value={fieldValue}
              onChange={(e) => setFieldValue(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && addCustomFilter()}
              sx={{ width: 130 }}
            />
          )}
          <Button size="small" onClick={addCustomFilter} disabled={!fieldKey || !fieldValue.trim()}>
            Add
          </Button>
        </Box>
      )}
      {(filters.customField ?? []).map((entry) => (
        <Chip
          key={entry}
          size="small"
          label={entry.replace(':', ' = ')}
          onDelete={() => set({ customField: filters.customField!.filter((e) => e !== entry) })}
        />
      ))}
    </Stack>
  );
}
