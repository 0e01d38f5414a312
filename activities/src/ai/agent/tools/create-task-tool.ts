import { z } from 'zod';
import type { EffectTool } from './agent-tool';

const CreateTaskInput = z.object({
  title: z.string().trim().min(1).max(200).describe('What the person should do, e.g. "Call Grace about the demo"'),
  notes: z.string().trim().max(2000).optional().describe('Context for the person doing the task'),
  priority: z.enum(['low', 'normal', 'high']).default('normal').describe('How urgent the task is'),
  dueInDays: z.number().int().min(0).max(90).optional().describe('Days from now until it is due; omitted: no due date'),
});

const DAY_MS = 86_400_000;

/** create_task: a task about the run's contact for the contact's owner, like the create_task step. */
export const createTaskTool: EffectTool<typeof CreateTaskInput, 'create_task'> = {
  name: 'create_task',
  kind: 'effect',
  inDatabase: true,
  description: "Creates a follow-up task about this contact, assigned to the contact's owner.",
  input: CreateTaskInput,
  async check() {},
  preview: (args) => ({ createTask: args }),
  async perform(manager, args, { crm, tenantId, contactId, actor }) {
    const created = await crm.createTask(
      manager,
      tenantId,
      {
        contactId,
        title: args.title,
        ...(args.notes ? { notes: args.notes } : {}),
        priority: args.priority,
        ...(args.dueInDays !== undefined
          ? { dueAt: new Date(Date.now() + args.dueInDays * DAY_MS).toISOString() }
          : {}),
      },
      actor,
    );
    return { ...created, title: args.title, priority: args.priority };
  },
};
