import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

export const EnrollInFlowSchema = nodeSchemaOf(
  'enroll_in_flow',
  z.object({ flowId: z.string().min(1).describe('Flow to enroll the contact in (its latest published version)') }),
);
