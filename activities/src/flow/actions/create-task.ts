import { addDuration } from '@cadenza/core';
import { IN_DATABASE, type ActionActivityFactory } from './action-tools';

/** Creates a task for the contact (assigned to the contact's owner unless the step names someone). */
export const createTask: ActionActivityFactory<'create_task'> = (tools) => async (input) => {
  const settings = input.node.settings;
  const contact = await tools.deps.crm.loadContactSnapshot(input.tenantId, input.contactId);
  const task = {
    contactId: input.contactId,
    title: tools.render(settings.title, contact, input),
    notes: settings.notes ? tools.render(settings.notes, contact, input) : undefined,
    assigneeId: settings.assigneeId,
    priority: settings.priority,
    dueAt: settings.dueIn
      ? addDuration(new Date(), settings.dueIn, { businessDaysOnly: false }).toISOString()
      : undefined,
  };
  return tools.perform(
    input,
    () => task,
    async (manager) => ({
      ...(await tools.deps.crm.createTask(manager, input.tenantId, task, tools.actorOf(input))),
      notes: task.notes,
      priority: task.priority,
    }),
    IN_DATABASE,
  );
};
