import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, UserIdSchema } from './common';

const TaskFields = {
  title: z.string().trim().min(1).max(300).describe('what to do'),
  dueAt: IsoDateTimeSchema.nullable().describe('when it is due'),
  done: z.boolean().describe('whether it is done'),
  contactId: IdSchema.nullable().describe('contact the task is about'),
  dealId: IdSchema.nullable().describe('deal the task is about'),
  assigneeId: UserIdSchema.nullable().describe('user who should do it'),
};

export const TaskCreateSchema = z.object(TaskFields).partial().required({ title: true }).strict();
export type TaskCreate = z.infer<typeof TaskCreateSchema>;

export const TaskUpdateSchema = z.object(TaskFields).partial().strict();
export type TaskUpdate = z.infer<typeof TaskUpdateSchema>;

export const TaskCreatorKindSchema = z.enum(['user', 'flow']).describe('made by a person or by a flow');

export const TaskSchema = z.object({
  id: IdSchema,
  title: z.string(),
  dueAt: z.string().nullable(),
  done: z.boolean(),
  contactId: z.string().nullable(),
  dealId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  createdBy: z.object({ kind: TaskCreatorKindSchema, id: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;
