import { Box, Button, IconButton, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { nextHandle, sharesOf, type SplitVariant } from './split-weights';

export interface WeightsEditorProps {
  variants: SplitVariant[];
  errors: Record<string, string>;
  onChange: (variants: SplitVariant[]) => void;
}

/** An A/B split's outputs with their weights and the share of contacts each gets. */
export function WeightsEditor({ variants, errors, onChange }: WeightsEditorProps) {
  const shares = sharesOf(variants);
  const update = (index: number, patch: Partial<SplitVariant>) =>
    onChange(variants.map((variant, i) => (i === index ? { ...variant, ...patch } : variant)));
  return (
    <Stack spacing={1} role="group" aria-label="split weights">
      <Typography variant="caption" color="text.secondary">
        Each contact always takes the same output; weights are relative.
      </Typography>
      {variants.map((variant, index) => (
        <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid={`variant-${index}`}>
          <TextField
            size="small"
            id={`field-variants-${index}-handle`}
            label="Output"
            value={variant.handle}
            error={Boolean(errors[`variants.${index}.handle`])}
            helperText={errors[`variants.${index}.handle`]}
            onChange={(event) => update(index, { handle: event.target.value })}
            sx={{ width: 90 }}
          />
          <TextField
            size="small"
            type="number"
            id={`field-variants-${index}-weight`}
            label="Weight"
            value={Number.isFinite(variant.weight) ? variant.weight : ''}
            error={Boolean(errors[`variants.${index}.weight`])}
            helperText={errors[`variants.${index}.weight`]}
            onChange={(event) =>
              update(index, { weight: event.target.value === '' ? NaN : Number(event.target.value) })
            }
            slotProps={{ htmlInput: { min: 1, step: 1 } }}
            sx={{ width: 90 }}
          />
          <Box sx={{ flex: 1, minWidth: 40 }}>
            <Typography variant="caption" data-testid={`share-${variant.handle}`}>
              {shares[index]}%
            </Typography>
            <LinearProgress variant="determinate" value={shares[index] ?? 0} aria-hidden />
          </Box>
          <IconButton
            size="small"
            aria-label={`remove output ${variant.handle}`}
            disabled={variants.length <= 2}
            onClick={() => onChange(variants.filter((_, i) => i !== index))}
          >
            ×
          </IconButton>
        </Stack>
      ))}
      {errors.variants && (
        <Typography variant="caption" color="error">
          {errors.variants}
        </Typography>
      )}
      <Box>
        <Button size="small" onClick={() => onChange([...variants, { handle: nextHandle(variants), weight: 1 }])}>
          Add output
        </Button>
      </Box>
    </Stack>
  );
}
