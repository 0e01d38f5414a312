import { Chip } from '@mui/material';
import { modelApi } from './model-api';

/** Which model the AI steps use (GET /ai/model), so nobody mistakes the local model for a vendor's. */
export function ActiveModelChip() {
  const model = modelApi.useActiveModelQuery().data;
  if (!model) return null;
  const label = `AI: ${model.provider === 'local' ? 'local' : model.provider} · ${model.model}`;
  // The note shows as the browser's own tooltip: MUI's would bring its popper into the shell, and
  // loading it on the side replaced the chip (the largest paint of a page) once it arrived.
  return (
    <Chip
      title={model.note ? `${label} — ${model.note}` : label}
      size="small"
      label={label}
      aria-label="active AI model"
      sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.5)', maxWidth: 220 }}
      variant="outlined"
    />
  );
}
