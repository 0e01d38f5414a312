import { IN_DATABASE, type ActionActivityFactory } from './action-tools';

/** Adds a tag to the contact, in the transaction that claims the key. */
export const addTag: ActionActivityFactory<'add_tag'> = (tools) => async (input) => {
  const { tag } = input.node.settings;
  return tools.perform(
    input,
    () => ({ addTag: tag }),
    (manager) =>
      tools.deps.crm.changeTags(manager, input.tenantId, input.contactId, { add: [tag] }, tools.actorOf(input)),
    IN_DATABASE,
  );
};
