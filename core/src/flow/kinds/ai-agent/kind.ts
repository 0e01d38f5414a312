import { DEFAULT_OUTPUT } from '../../node-output';
import { NO_NAMED_FIELDS, type NodeKindInfo } from '../kind-info';

// `rejected` and `timeout` follow a human's rejection of the draft or no decision in time;
// unconnected, they simply end the run.
export const aiAgentKind: NodeKindInfo<'ai_agent'> = {
  category: 'action',
  label: 'AI agent',
  outputs: [DEFAULT_OUTPUT, 'rejected', 'timeout'],
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
