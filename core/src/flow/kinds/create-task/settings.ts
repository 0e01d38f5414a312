import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { DurationSchema, templateText } from '../../primitives';

export const CreateTaskSchema = nodeSchemaOf(
  'create_task',
  z.object({
    title: templateText('Task title'),
    notes: z.string().optional().describe('Task description. May use {{contact.<field>}} placeholders'),
    assigneeId: z.string().min(1).optional().describe("User to assign; omitted means the contact's owner"),
    dueIn: DurationSchema.optional().describe('Due date relative to task creation; omitted means no due date'),
    priority: z.enum(['low', 'normal', 'high']).default('normal').describe('Task priority'),
  }),
);
