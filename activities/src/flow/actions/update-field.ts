import { IN_DATABASE, type ActionActivityFactory } from './action-tools';

/** Sets one contact field (its value may hold placeholders), in the transaction that claims the key. */
export const updateField: ActionActivityFactory<'update_field'> = (tools) => async (input) => {
  const { field, value } = input.node.settings;
  // Only a value with placeholders needs the contact (two queries) to render.
  const resolved =
    typeof value === 'string' && value.includes('{{')
      ? tools.render(value, await tools.deps.crm.loadContactSnapshot(input.tenantId, input.contactId), input)
      : value;
  return tools.perform(
    input,
    () => ({ field, value: resolved }),
    (manager) =>
      tools.deps.crm.setContactField(manager, input.tenantId, input.contactId, field, resolved, tools.actorOf(input)),
    IN_DATABASE,
  );
};
