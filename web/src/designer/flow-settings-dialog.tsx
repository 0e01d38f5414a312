import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { FlowSettings } from '@cadenza/core';
import { useListFlowsQuery } from '../api/cadenza-api';
import type { DesignerNode } from './designer-types';
import {
  WEEKDAYS,
  defaultSendingWindow,
  settingsForEditing,
  settingsIssues,
  timezones,
  type SendingWindow,
} from './flow-settings-model';
import { ReplyTriageSection } from './reply-triage-section';
import { DurationUnitSelect, type DurationUnit } from './duration-unit-select';

export interface FlowSettingsDialogProps {
  open: boolean;
  flowId: string;
  settings: unknown;
  /** Goal steps of the flow, listed so the "leave on goal" rule says which goals count. */
  goals: DesignerNode[];
  readOnly?: boolean;
  onClose: () => void;
  onApply: (settings: FlowSettings) => void;
}

const UNENROLL_RULES = [
  ['reply', 'the contact replies'],
  ['goalMet', 'the contact meets a goal'],
  ['unsubscribe', 'the contact unsubscribes'],
  ['bounce', 'an email to the contact bounces'],
] as const;

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0 }}>
    <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
      {title}
    </Typography>
    <Stack spacing={1}>{children}</Stack>
  </Box>
);

/** Flow-wide settings: sending window and timezone, when contacts leave, whether they may come back. */
export function FlowSettingsDialog({
  open,
  flowId,
  settings,
  goals,
  readOnly,
  onClose,
  onApply,
}: FlowSettingsDialogProps) {
  const [value, setValue] = useState<FlowSettings>(() => settingsForEditing(settings));
  const flows = useListFlowsQuery(undefined, { skip: !open });
  useEffect(() => {
    if (open) setValue(settingsForEditing(settings));
  }, [open, settings]);
  const issues = settingsIssues(value);
  const hours = value.sendingWindow;
  const setWindow = (patch: Partial<SendingWindow>) => setValue({ ...value, sendingWindow: { ...hours!, ...patch } });
  const entered = value.unenrollOn.enteredFlow;
  const otherFlows = (flows.data ?? []).filter((flow) => flow.id !== flowId);

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="flow-settings-title">
      <DialogTitle id="flow-settings-title">Flow settings</DialogTitle>
      <DialogContent dividers>
        <Box component="fieldset" disabled={readOnly} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
          <Stack spacing={2}>
            <Section title="Sending window">
              <FormControlLabel
                control={
                  <Checkbox
                    id="settings-window-enabled"
                    checked={Boolean(hours)}
                    onChange={(event) =>
                      setValue({ ...value, sendingWindow: event.target.checked ? defaultSendingWindow() : undefined })
                    }
                  />
                }
                label="Only send during set hours"
              />
              {hours && (
                <>
                  <Autocomplete
                    size="small"
                    id="settings-timezone"
                    options={timezones()}
                    value={hours.timezone}
                    disableClearable
                    onChange={(_event, timezone) => setWindow({ timezone })}
                    renderInput={(params) => (
                      <TextField
                        {...params}
                        label="Timezone"
                        error={Boolean(issues['sendingWindow.timezone'])}
                        helperText={issues['sendingWindow.timezone']}
                      />
                    )}
                  />
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={hours.useContactTimezone}
                        onChange={(event) => setWindow({ useContactTimezone: event.target.checked })}
                      />
                    }
                    label="Use the contact's timezone when known"
                  />
                  <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap' }} role="group" aria-label="sending days">
                    {WEEKDAYS.map((day) => (
                      <FormControlLabel
                        key={day}
                        control={
                          <Checkbox
                            size="small"
                            id={`settings-day-${day}`}
                            checked={hours.days.includes(day)}
                            onChange={(event) =>
                              setWindow({
                                days: event.target.checked
                                  ? WEEKDAYS.filter((d) => d === day || hours.days.includes(d))
                                  : hours.days.filter((d) => d !== day),
                              })
                            }
                          />
                        }
                        label={day}
                      />
                    ))}
                  </Stack>
                  {issues['sendingWindow.days'] && (
                    <FormHelperText error>{issues['sendingWindow.days']}</FormHelperText>
                  )}
                  <Stack direction="row" spacing={1}>
                    <TextField
                      size="small"
                      type="time"
                      id="settings-window-start"
                      label="Opens"
                      value={hours.start}
                      onChange={(event) => setWindow({ start: event.target.value })}
                      error={Boolean(issues['sendingWindow.start'])}
                      helperText={issues['sendingWindow.start']}
                      slotProps={{ inputLabel: { shrink: true } }}
                    />
                    <TextField
                      size="small"
                      type="time"
                      id="settings-window-end"
                      label="Closes"
                      value={hours.end}
                      onChange={(event) => setWindow({ end: event.target.value })}
                      error={Boolean(issues['sendingWindow.end'])}
                      helperText={issues['sendingWindow.end']}
                      slotProps={{ inputLabel: { shrink: true } }}
                    />
                  </Stack>
                </>
              )}
            </Section>

            <Section title="When a reply comes in">
              <ReplyTriageSection
                value={value.replyTriage}
                issues={issues}
                open={open}
                onChange={(replyTriage) => setValue({ ...value, replyTriage })}
              />
            </Section>

            <Section title="Leave the flow when">
              {UNENROLL_RULES.map(([key, label]) => (
                <FormControlLabel
                  key={key}
                  control={
                    <Checkbox
                      id={`settings-unenroll-${key}`}
                      checked={value.unenrollOn[key]}
                      onChange={(event) =>
                        setValue({ ...value, unenrollOn: { ...value.unenrollOn, [key]: event.target.checked } })
                      }
                    />
                  }
                  label={label}
                />
              ))}
              <Typography variant="caption" color="text.secondary">
                {goals.length
                  ? `Goals in this flow: ${goals.map((goal) => goal.label ?? goal.id).join(', ')}`
                  : 'This flow has no goal yet: add a Goal step from the palette.'}
              </Typography>
              <TextField
                select
                size="small"
                id="settings-entered-flow"
                label="…or the contact enters another flow"
                value={entered === 'any' ? 'any' : entered.length ? 'some' : 'none'}
                onChange={(event) =>
                  setValue({
                    ...value,
                    unenrollOn: { ...value.unenrollOn, enteredFlow: event.target.value === 'any' ? 'any' : [] },
                  })
                }
                slotProps={{ select: { native: true } }}
              >
                <option value="none">no</option>
                <option value="any">any other flow</option>
                <option value="some">one of these flows…</option>
              </TextField>
              {entered !== 'any' && (
                <Autocomplete
                  multiple
                  size="small"
                  id="settings-entered-flows"
                  options={otherFlows.map((flow) => flow.id)}
                  getOptionLabel={(id) => otherFlows.find((flow) => flow.id === id)?.name ?? id}
                  value={entered}
                  onChange={(_event, ids) =>
                    setValue({ ...value, unenrollOn: { ...value.unenrollOn, enteredFlow: ids } })
                  }
                  renderInput={(params) => <TextField {...params} label="Flows" />}
                />
              )}
            </Section>

            <Section title="Re-enrollment">
              <TextField
                select
                size="small"
                id="settings-reenrollment"
                label="A contact may go through this flow"
                value={value.reenrollment.policy}
                onChange={(event) =>
                  setValue({
                    ...value,
                    reenrollment: event.target.value === 'never' ? { policy: 'never' } : { policy: 'after_exit' },
                  })
                }
                slotProps={{ select: { native: true } }}
              >
                <option value="never">once only</option>
                <option value="after_exit">again, once the previous run ended</option>
              </TextField>
              {value.reenrollment.policy === 'after_exit' && (
                <CooldownField
                  value={value.reenrollment.cooldown}
                  error={issues['reenrollment.cooldown.amount']}
                  onChange={(cooldown) =>
                    setValue({
                      ...value,
                      reenrollment: cooldown ? { policy: 'after_exit', cooldown } : { policy: 'after_exit' },
                    })
                  }
                />
              )}
            </Section>
          </Stack>
        </Box>
      </DialogContent>
      <DialogActions>
        {Object.keys(issues).length > 0 && (
          <Alert severity="warning" sx={{ flex: 1, py: 0 }}>
            Fix the fields marked in red to apply.
          </Alert>
        )}
        <Button onClick={onClose}>{readOnly ? 'Close' : 'Cancel'}</Button>
        {!readOnly && (
          <Button
            variant="contained"
            disabled={Object.keys(issues).length > 0}
            onClick={() => {
              onApply(value);
              onClose();
            }}
          >
            Apply
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

type Duration = { amount: number; unit: DurationUnit };

function CooldownField({
  value,
  error,
  onChange,
}: {
  value: Duration | undefined;
  error?: string;
  onChange: (value: Duration | undefined) => void;
}) {
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        size="small"
        type="number"
        id="settings-cooldown-amount"
        label="Wait at least"
        value={value?.amount ?? ''}
        error={Boolean(error)}
        helperText={error ?? 'empty: no wait'}
        onChange={(event) =>
          onChange(
            event.target.value === '' ? undefined : { amount: Number(event.target.value), unit: value?.unit ?? 'days' },
          )
        }
        sx={{ width: 140 }}
      />
      <DurationUnitSelect
        id="settings-cooldown-unit"
        value={value?.unit ?? 'days'}
        disabled={!value}
        onChange={(unit) => value && onChange({ ...value, unit })}
      />
    </Stack>
  );
}
