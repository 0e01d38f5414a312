import { type ActionActivityFactory } from './action-tools';

/** Starts a run of another flow for the contact (its latest published version). */
export const enrollInFlow: ActionActivityFactory<'enroll_in_flow'> = (tools) => async (input) => {
  const { flowId } = input.node.settings;
  return tools.perform(
    input,
    () => ({ enrollIn: flowId }),
    () =>
      tools.deps.enroll({
        tenantId: input.tenantId,
        flowId,
        contactId: input.contactId,
        source: `flow:${input.flowId}`,
      }),
  );
};
