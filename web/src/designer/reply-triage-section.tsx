import { Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import type { FlowSettings } from '@cadenza/core';
import { useListPipelinesQuery } from '../deals/deals-api';
import { DurationUnitSelect } from './duration-unit-select';

type ReplyTriage = FlowSettings['replyTriage'];
type Duration = ReplyTriage['notNow']['reenrollAfter'];

export interface ReplyTriageSectionProps {
  value: ReplyTriage;
  issues: Record<string, string>;
  open: boolean;
  onChange: (value: ReplyTriage) => void;
}

/**
 * The flow settings' "When a reply comes in" part: what the run does once it has read a reply
 * (settings.replyTriage, core/src/flow/reply-triage-settings.ts).
 */
export function ReplyTriageSection({ value, issues, open, onChange }: ReplyTriageSectionProps) {
  const pipelines = useListPipelinesQuery(undefined, { skip: !open || !value.enabled });
  const stages = (pipelines.data ?? []).flatMap((pipeline) =>
    pipeline.stages.map((stage) => ({ id: stage.id, label: `${pipeline.name}: ${stage.name}` })),
  );
  const check = (id: string, checked: boolean, label: string, onToggle: (checked: boolean) => void) => (
    <FormControlLabel
      control={<Checkbox id={id} checked={checked} onChange={(event) => onToggle(event.target.checked)} />}
      label={label}
    />
  );
  return (
    <>
      {check('settings-triage-enabled', value.enabled, 'Read every reply and act on what it means', (enabled) =>
        onChange({ ...value, enabled }),
      )}
      {value.enabled && (
        <Stack spacing={1} sx={{ pl: 2 }}>
          {check(
            'settings-triage-ooo',
            value.outOfOffice.pause,
            'Out of office: pause until the day after the return date',
            (pause) => onChange({ ...value, outOfOffice: { ...value.outOfOffice, pause } }),
          )}
          {value.outOfOffice.pause && (
            <DurationField
              id="settings-triage-ooo-default"
              label="No return date given: pause for"
              value={value.outOfOffice.pauseWhenNoDate}
              error={issues['replyTriage.outOfOffice.pauseWhenNoDate.amount']}
              onChange={(pauseWhenNoDate) =>
                onChange({ ...value, outOfOffice: { ...value.outOfOffice, pauseWhenNoDate } })
              }
            />
          )}
          {check(
            'settings-triage-unsubscribe',
            value.unsubscribe.everywhere,
            'Asks to be removed: suppress the address and leave every flow',
            (everywhere) => onChange({ ...value, unsubscribe: { everywhere } }),
          )}
          {check(
            'settings-triage-referral',
            value.wrongPerson.createReferral,
            'Wrong person: create the person named and a task for the owner',
            (createReferral) => onChange({ ...value, wrongPerson: { createReferral } }),
          )}
          {check('settings-triage-snooze', value.notNow.snooze, 'Not now: leave, and enroll again later', (snooze) =>
            onChange({ ...value, notNow: { ...value.notNow, snooze } }),
          )}
          {value.notNow.snooze && (
            <DurationField
              id="settings-triage-snooze-after"
              label="Enroll again after"
              value={value.notNow.reenrollAfter}
              error={issues['replyTriage.notNow.reenrollAfter.amount']}
              onChange={(reenrollAfter) => onChange({ ...value, notNow: { ...value.notNow, reenrollAfter } })}
            />
          )}
          {check(
            'settings-triage-interested',
            value.interested.createTask,
            'Interested: create a task for the owner',
            (createTask) => onChange({ ...value, interested: { ...value.interested, createTask } }),
          )}
          <TextField
            select
            size="small"
            id="settings-triage-deal-stage"
            label="Interested: move the contact's open deal to"
            value={value.interested.moveDealToStage ?? ''}
            onChange={(event) =>
              onChange({
                ...value,
                interested: { ...value.interested, moveDealToStage: event.target.value || undefined },
              })
            }
            slotProps={{ select: { native: true } }}
          >
            <option value="">leave deals alone</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.label}
              </option>
            ))}
          </TextField>
          {check(
            'settings-triage-review',
            value.reviewTask,
            'Unsure reading: ask the owner to review the reply',
            (reviewTask) => onChange({ ...value, reviewTask }),
          )}
          <Typography variant="caption" color="text.secondary">
            Other replies follow the rules below, as before.
          </Typography>
        </Stack>
      )}
    </>
  );
}

function DurationField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: Duration;
  error?: string;
  onChange: (value: Duration) => void;
}) {
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        size="small"
        type="number"
        id={`${id}-amount`}
        label={label}
        value={value.amount}
        error={Boolean(error)}
        helperText={error}
        onChange={(event) => onChange({ ...value, amount: Number(event.target.value) })}
        sx={{ width: 220 }}
      />
      <DurationUnitSelect id={`${id}-unit`} value={value.unit} onChange={(unit) => onChange({ ...value, unit })} />
    </Stack>
  );
}
