import { validateFlowDefinition } from '../../validate-flow';
import { AiAgentSchema } from './settings';
import { AGENT_TOOL_NAMES, AGENT_TOOLS, isAgentToolName } from './agent-tools';

const at = { x: 0, y: 0 };
const agentNode = (tools: unknown) => ({
  id: 'agent',
  type: 'ai_agent',
  position: at,
  settings: { instructions: 'Qualify', tools },
});

describe('the ai_agent tools setting', () => {
  it('accepts every known tool and defaults to none', () => {
    expect(AiAgentSchema.parse(agentNode([...AGENT_TOOL_NAMES])).settings.tools).toEqual([...AGENT_TOOL_NAMES]);
    expect(AiAgentSchema.parse(agentNode(undefined)).settings.tools).toEqual([]);
  });

  it('refuses an unknown tool, naming it', () => {
    const parsed = AiAgentSchema.safeParse(agentNode(['crm_lookup', 'send_fax']));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({
        path: ['settings', 'tools', 1],
        message: expect.stringMatching(/^unknown agent tool "send_fax"; the tools are crm_lookup, knowledge_search/),
      }),
    ]);
  });

  it('is refused when the flow is saved', () => {
    const result = validateFlowDefinition({
      trigger: { id: 'start', type: 'contact_created', position: at, settings: {} },
      settings: {},
      nodes: [agentNode(['crm_lookupp'])],
      edges: [{ from: 'start', to: 'agent' }],
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('unknown agent tool \\"crm_lookupp\\"');
  });

  it('marks the side-effecting tools, and only they may need approval', () => {
    const effects = AGENT_TOOL_NAMES.filter((name) => AGENT_TOOLS[name].sideEffects);
    expect(effects).toEqual(['create_task', 'update_field', 'enroll_in_flow']);
    for (const name of AGENT_TOOL_NAMES) if (AGENT_TOOLS[name].needsApproval) expect(effects).toContain(name);
    expect(isAgentToolName('create_task')).toBe(true);
    expect(isAgentToolName('drop_table')).toBe(false);
  });
});
