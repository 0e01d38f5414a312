import { lazy, Suspense } from 'react';
import { Chip } from '@mui/material';
import { modelApi } from './model-api';

// The tooltip brings MUI's popper; the chip is drawn without it first, so the shell's bundle stays small.
const Tooltip = lazy(() => import('@mui/material/Tooltip'));

/** Which model the AI steps use (GET /ai/model), so nobody mistakes the local model for a vendor's. */
export function ActiveModelChip() {
  const model = modelApi.useActiveModelQuery().data;
  if (!model) return null;
  const label = `AI: ${model.provider === 'local' ? 'local' : model.provider} · ${model.model}`;
  const chip = (
    <Chip
      size="small"
      label={label}
      aria-label="active AI model"
      sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.5)', maxWidth: 280 }}
      variant="outlined"
    />
  );
  return (
    <Suspense fallback={chip}>
      <Tooltip title={model.note ?? ''}>{chip}</Tooltip>
    </Suspense>
  );
}
