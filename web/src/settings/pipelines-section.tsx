import { useState } from 'react';
import { Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import type { Pipeline } from '@cadenza/core';
import {
  useSettingsAddStageMutation,
  useSettingsCreatePipelineMutation,
  useSettingsDeletePipelineMutation,
  useSettingsDeleteStageMutation,
  useSettingsPipelinesQuery,
} from './settings-api';
import { optionsOf } from './custom-fields-section';
import { RequestError } from './section-feedback';

/** Deal pipelines and their stages, in order. The API refuses to remove a stage that still holds deals. */
export function PipelinesSection() {
  const pipelines = useSettingsPipelinesQuery();
  const [create, state] = useSettingsCreatePipelineMutation();
  const [form, setForm] = useState({ name: '', stages: 'New, Qualified, Proposal, Won, Lost' });
  return (
    <Stack spacing={2}>
      <RequestError error={pipelines.error} />
      {pipelines.data?.map((pipeline) => (
        <PipelineCard key={pipeline.id} pipeline={pipeline} />
      ))}
      <Box
        component="form"
        aria-label="add pipeline"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await create({ name: form.name, stages: optionsOf(form.stages).map((name) => ({ name })) });
          if (!('error' in result)) setForm({ ...form, name: '' });
        }}
      >
        <Typography variant="subtitle2" gutterBottom>
          Add a pipeline
        </Typography>
        <Stack direction="row" spacing={1}>
          <TextField
            size="small"
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <TextField
            size="small"
            label="Stages"
            value={form.stages}
            onChange={(e) => setForm({ ...form, stages: e.target.value })}
            helperText="comma-separated, in order"
            sx={{ minWidth: 360 }}
          />
          <Button type="submit" variant="contained" disabled={state.isLoading} sx={{ alignSelf: 'flex-start' }}>
            Add pipeline
          </Button>
        </Stack>
        <RequestError error={state.error} />
      </Box>
    </Stack>
  );
}

function PipelineCard({ pipeline }: { pipeline: Pipeline }) {
  const [addStage, addState] = useSettingsAddStageMutation();
  const [deleteStage, deleteStageState] = useSettingsDeleteStageMutation();
  const [deletePipeline, deleteState] = useSettingsDeletePipelineMutation();
  const [stage, setStage] = useState('');
  return (
    <Card variant="outlined" data-testid={`pipeline-${pipeline.name}`}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" sx={{ flex: 1 }}>
            {pipeline.name}
          </Typography>
          <Button size="small" color="error" onClick={() => void deletePipeline(pipeline.id)}>
            Delete pipeline
          </Button>
        </Stack>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.75, alignItems: 'center' }}>
          {pipeline.stages.map((s, i) => (
            <Chip
              key={s.id}
              label={`${i + 1}. ${s.name}${s.probability === null ? '' : ` · ${s.probability}%`}`}
              onDelete={() => void deleteStage({ pipelineId: pipeline.id, stageId: s.id })}
            />
          ))}
          <Box
            component="form"
            onSubmit={async (event) => {
              event.preventDefault();
              const result = await addStage({ pipelineId: pipeline.id, stage: { name: stage } });
              if (!('error' in result)) setStage('');
            }}
            sx={{ display: 'flex', gap: 0.5 }}
          >
            <TextField
              size="small"
              placeholder="New stage"
              value={stage}
              onChange={(e) => setStage(e.target.value)}
              slotProps={{ htmlInput: { 'aria-label': `new stage of ${pipeline.name}` } }}
            />
            <Button type="submit" size="small" disabled={!stage.trim()}>
              Add
            </Button>
          </Box>
        </Stack>
        <RequestError error={addState.error ?? deleteStageState.error ?? deleteState.error} />
      </CardContent>
    </Card>
  );
}
