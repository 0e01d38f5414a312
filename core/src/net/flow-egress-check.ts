import type { FlowValidationError } from '../flow/flow-errors';
import type { Node, NodeSettings, NodeType } from '../flow/node-kinds';
import { NODE_KINDS, type NodeKindInfo } from '../flow/node-kind-metadata';
import type { FlowValidationResult } from '../flow/validate-flow';
import type { EgressAllowList } from './egress-allow-list';
import { literalUrlEgressRefusal } from './egress-url';
import { headerProblem } from './header-safety';

/**
 * Save/publish checks of what a flow would connect to: a node whose request (its kind's
 * outboundRequest, e.g. http_request) has a URL that is a refused
 * literal (loopback, private, metadata, localhost, in any spelling) or whose headers could
 * inject lines. Separate from validateFlowDefinition because it needs the deployment's
 * allow list. Names the node, so the designer marks it.
 */
export function flowEgressErrors(nodes: readonly Node[], allow: EgressAllowList): FlowValidationError[] {
  const errors: FlowValidationError[] = [];
  for (const node of nodes) {
    const request = outboundRequestOf(node);
    if (!request) continue;
    const refusal = literalUrlEgressRefusal(request.url, allow);
    if (refusal) {
      errors.push({
        code: 'invalid_setting',
        nodeId: node.id,
        path: 'settings.url',
        message: `Node "${node.id}": ${refusal.message}; outbound requests may not reach internal addresses.`,
      });
    }
    for (const [name, value] of Object.entries(request.headers)) {
      const problem = headerProblem(name, value);
      if (problem)
        errors.push({
          code: 'invalid_setting',
          nodeId: node.id,
          path: 'settings.headers',
          message: `Node "${node.id}": ${problem}.`,
        });
    }
  }
  return errors;
}

/** A validation result with the egress checks applied to a definition that passed the rest. */
export function withEgressChecks(result: FlowValidationResult, allow: EgressAllowList): FlowValidationResult {
  if (!result.ok) return result;
  const errors = flowEgressErrors([result.definition.trigger, ...result.definition.nodes], allow);
  return errors.length > 0 ? { ok: false, errors } : result;
}

function outboundRequestOf<T extends NodeType>(node: { type: T; settings: NodeSettings[T] }) {
  const kind: NodeKindInfo<T> = NODE_KINDS[node.type];
  return kind.outboundRequest?.(node.settings);
}
