import { TextField } from '@mui/material';
import { DURATION_UNITS } from './flow-settings-model';

export type DurationUnit = (typeof DURATION_UNITS)[number];

/** The unit half of a duration field (minutes … weeks), as a native select. */
export function DurationUnitSelect({
  id,
  value,
  disabled,
  onChange,
}: {
  id: string;
  value: DurationUnit;
  disabled?: boolean;
  onChange: (unit: DurationUnit) => void;
}) {
  return (
    <TextField
      select
      size="small"
      id={id}
      label="Unit"
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as DurationUnit)}
      slotProps={{ select: { native: true } }}
    >
      {DURATION_UNITS.map((unit) => (
        <option key={unit} value={unit}>
          {unit}
        </option>
      ))}
    </TextField>
  );
}
