import { IN_DATABASE, type ActionActivityFactory } from './action-tools';

/** Removes a tag from the contact, in the transaction that claims the key. */
export const removeTag: ActionActivityFactory<'remove_tag'> = (tools) => async (input) => {
  const { tag } = input.node.settings;
  return tools.perform(
    input,
    () => ({ removeTag: tag }),
    (manager) =>
      tools.deps.crm.changeTags(manager, input.tenantId, input.contactId, { remove: [tag] }, tools.actorOf(input)),
    IN_DATABASE,
  );
};
