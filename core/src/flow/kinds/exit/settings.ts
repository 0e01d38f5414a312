import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

export const ExitSchema = nodeSchemaOf(
  'exit',
  z.object({ reason: z.string().min(1).optional().describe('Recorded on the run when the contact leaves here') }),
);
