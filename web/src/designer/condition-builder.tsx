import { useEffect, useState } from 'react';
import { Autocomplete, Box, Button, IconButton, Stack, TextField, Typography } from '@mui/material';
import { CONDITION_OPERATORS, type Condition, type ConditionOperator, type ConditionRule } from '@cadenza/core';
import {
  OPERATOR_LABELS,
  childrenOf,
  formatConditionValue,
  groupModeOf,
  groupOf,
  isGroup,
  newRule,
  parseConditionValue,
  valueKindOf,
  withOperator,
  type GroupMode,
} from './condition-model';

export interface ConditionBuilderProps {
  value: Condition;
  /** Dotted path of this condition within the settings ("condition", "condition.all.0"). */
  path: string;
  /** Field suggestions (contact, custom, engagement, score). */
  fields: readonly string[];
  errors: Record<string, string>;
  onChange: (next: Condition) => void;
  /** Present for a condition inside a group: removes it from the group. */
  onRemove?: () => void;
}

const idOf = (path: string) => `field-${path.replace(/\./g, '-')}`;

/** A branch's condition as rows and nested "all"/"any" groups, instead of JSON. */
export function ConditionBuilder(props: ConditionBuilderProps) {
  const { value } = props;
  if (value && typeof value === 'object' && isGroup(value)) return <ConditionGroup {...props} group={value} />;
  const rule = (value && typeof value === 'object' ? value : newRule()) as ConditionRule;
  return (
    <Stack spacing={1}>
      <RuleRow {...props} rule={rule} />
      {!props.onRemove && (
        <Box>
          <Button size="small" onClick={() => props.onChange({ all: [rule, newRule()] })}>
            Add rule
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function ConditionGroup(props: ConditionBuilderProps & { group: { all: Condition[] } | { any: Condition[] } }) {
  const { group, path, onChange, onRemove } = props;
  const mode = groupModeOf(group);
  const children = childrenOf(group);
  const setChildren = (next: Condition[]) => {
    // A group emptied down to one rule becomes that rule again, which reads simpler.
    if (next.length === 1 && !onRemove) onChange(next[0]!);
    else onChange(groupOf(mode, next));
  };
  return (
    <Box
      component="fieldset"
      role="group"
      aria-label={`${mode} of`}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, m: 0 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="caption">Match</Typography>
        <TextField
          select
          size="small"
          id={idOf(`${path}.$mode`)}
          value={mode}
          onChange={(event) => onChange(groupOf(event.target.value as GroupMode, children))}
          slotProps={{ select: { native: true } }}
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </TextField>
        <Typography variant="caption">of these</Typography>
        <Box sx={{ flex: 1 }} />
        {onRemove && (
          <IconButton size="small" aria-label="remove group" onClick={onRemove}>
            ×
          </IconButton>
        )}
      </Stack>
      <Stack spacing={1}>
        {children.map((child, index) => (
          <ConditionBuilder
            key={index}
            value={child}
            path={`${path}.${mode}.${index}`}
            fields={props.fields}
            errors={props.errors}
            onChange={(next) => setChildren(children.map((c, i) => (i === index ? next : c)))}
            onRemove={() => setChildren(children.filter((_, i) => i !== index))}
          />
        ))}
        <Stack direction="row" spacing={1}>
          <Button size="small" onClick={() => setChildren([...children, newRule()])}>
            Add rule
          </Button>
          <Button
            size="small"
            onClick={() => setChildren([...children, { [mode === 'all' ? 'any' : 'all']: [newRule()] } as Condition])}
          >
            Add group
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

function RuleRow({ rule, path, fields, errors, onChange, onRemove }: ConditionBuilderProps & { rule: ConditionRule }) {
  const kind = valueKindOf(rule.operator);
  const update = (patch: Partial<ConditionRule>) => onChange({ ...rule, ...patch } as ConditionRule);
  return (
    <Stack spacing={1} role="group" aria-label="rule" sx={{ borderLeft: 2, borderColor: 'divider', pl: 1 }}>
      <Autocomplete
        freeSolo
        size="small"
        id={idOf(`${path}.field`)}
        options={fields as string[]}
        inputValue={rule.field}
        onInputChange={(_event, field) => update({ field })}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Field *"
            error={Boolean(errors[`${path}.field`])}
            helperText={errors[`${path}.field`]}
          />
        )}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          select
          size="small"
          id={idOf(`${path}.operator`)}
          label="Operator"
          value={rule.operator}
          sx={{ minWidth: 120 }}
          onChange={(event) => onChange(withOperator(rule, event.target.value as ConditionOperator))}
          slotProps={{ select: { native: true } }}
        >
          {CONDITION_OPERATORS.map((operator) => (
            <option key={operator} value={operator}>
              {OPERATOR_LABELS[operator]}
            </option>
          ))}
        </TextField>
        {kind !== 'none' && (
          <ValueField rule={rule} path={path} error={errors[`${path}.value`]} onChange={(value) => update({ value })} />
        )}
        {onRemove && (
          <IconButton size="small" aria-label="remove rule" onClick={onRemove}>
            ×
          </IconButton>
        )}
      </Stack>
    </Stack>
  );
}

/**
 * The value box keeps the text as typed ("a, " on the way to "a, b") and sends the parsed value;
 * it re-reads the value only when it changes from outside (undo, another operator).
 */
function ValueField({
  rule,
  path,
  error,
  onChange,
}: {
  rule: ConditionRule;
  path: string;
  error?: string;
  onChange: (value: ConditionRule['value']) => void;
}) {
  const kind = valueKindOf(rule.operator);
  const [text, setText] = useState(() => formatConditionValue(rule.value));
  useEffect(() => {
    setText((typed) =>
      JSON.stringify(parseConditionValue(rule.operator, typed)) === JSON.stringify(rule.value)
        ? typed
        : formatConditionValue(rule.value),
    );
  }, [rule.operator, rule.value]);
  return (
    <TextField
      size="small"
      id={idOf(`${path}.value`)}
      label="Value"
      type={kind === 'date' ? 'date' : kind === 'number' || kind === 'days' ? 'number' : 'text'}
      value={text}
      error={Boolean(error)}
      helperText={error ?? (kind === 'list' ? 'Separate values with commas' : undefined)}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseConditionValue(rule.operator, event.target.value));
      }}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ flex: 1 }}
    />
  );
}
