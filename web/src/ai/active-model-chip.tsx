import { Chip, Tooltip } from '@mui/material';
import type { ActiveModel } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

const modelApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    activeModel: build.query<ActiveModel, void>({ query: () => '/ai/model' }),
  }),
});

/** Which model the AI steps use (GET /ai/model), so nobody mistakes the local model for a vendor's. */
export function ActiveModelChip() {
  const model = modelApi.useActiveModelQuery().data;
  if (!model) return null;
  const label = `AI: ${model.provider === 'local' ? 'local' : model.provider} · ${model.model}`;
  return (
    <Tooltip title={model.note ?? ''}>
      <Chip
        size="small"
        label={label}
        aria-label="active AI model"
        sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.5)', maxWidth: 280 }}
        variant="outlined"
      />
    </Tooltip>
  );
}
