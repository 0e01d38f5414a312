import { z } from 'zod';
import { AgentToolInputError, type EffectTool } from './agent-tool';

const EnrollInFlowInput = z.object({
  flowId: z.string().uuid().describe('Id of a published flow of this workspace to enroll the contact in'),
});

/**
 * enroll_in_flow: starts a run of another published flow of the tenant for this contact, like
 * the enroll_in_flow step (its latest published version; a contact already in it stays put).
 */
export const enrollInFlowTool: EffectTool<typeof EnrollInFlowInput, 'enroll_in_flow'> = {
  name: 'enroll_in_flow',
  kind: 'effect',
  // Starts a workflow: the key is claimed before acting (once), and the run's id refuses a duplicate anyway.
  inDatabase: false,
  description: 'Enrolls this contact in another published flow (sequence or automation) of the workspace.',
  input: EnrollInFlowInput,
  async check({ flowId }, { db, tenantId, flowId: ownFlowId }) {
    if (flowId === ownFlowId) throw new AgentToolInputError('a run cannot enroll its contact in its own flow');
    const [flow] = (await db.query(`SELECT status, latest_version FROM flows WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      flowId,
    ])) as Array<{ status: string; latest_version: number | null }>;
    if (!flow) throw new AgentToolInputError(`no flow ${flowId} in this workspace`);
    if (flow.status !== 'active' || flow.latest_version === null)
      throw new AgentToolInputError(`flow ${flowId} is not published and active (it is ${flow.status})`);
  },
  preview: (args) => ({ enrollIn: args.flowId }),
  perform: (_manager, { flowId }, { enroll, tenantId, contactId, flowId: ownFlowId }) =>
    enroll({ tenantId, flowId, contactId, source: `flow:${ownFlowId}` }),
};
