import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

export const DealStageChangedTriggerSchema = nodeSchemaOf(
  'deal_stage_changed',
  z.object({
    pipelineId: z.string().min(1).optional().describe('Pipeline to watch; omitted means every pipeline'),
    fromStage: z.string().min(1).optional().describe('Stage the deal must leave; omitted means any'),
    toStage: z.string().min(1).optional().describe('Stage the deal must enter; omitted means any'),
  }),
);
