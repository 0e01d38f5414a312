import { z } from 'zod';
import { contactFieldReferences, isKnownField } from './field-references';
import { EdgeSchema, type Edge, type FlowDefinition } from './flow-definition';
import type { FlowValidationError } from './flow-errors';
import { FlowSettingsSchema } from './flow-settings';
import { loops, reachableFrom, type Adjacency } from './graph';
import {
  DEFAULT_OUTPUT,
  NODE_KINDS,
  isNodeType,
  NodeSchema,
  outputsOf,
  type Node,
  type StepNode,
  type TriggerNode,
} from './node-kinds';
import { explainIssues, formatPath, valueAt, type SchemaProblem } from './zod-issues';

export type ValidateFlowOptions = {
  /**
   * The tenant's contact fields ("firstName", or "custom" to allow every "custom.*" field).
   * When given, a placeholder, condition or setting naming any other field is an error.
   */
  knownFields?: readonly string[];
};

export type FlowValidationResult =
  { ok: true; definition: FlowDefinition } | { ok: false; errors: FlowValidationError[] };

/**
 * Checks a definition on save and on publish. It reports every problem at once, each tied
 * to a node where there is one, so the designer can mark them all. Pure: no I/O, no clock.
 */
export function validateFlowDefinition(definition: unknown, options: ValidateFlowOptions = {}): FlowValidationResult {
  const outline = OutlineSchema.safeParse(definition);
  if (!outline.success) return { ok: false, errors: malformed(outline.error.issues, definition) };

  const { trigger, nodes, edges, settings } = outline.data;
  const graph = readNodes(trigger, nodes);
  const wiring = checkEdges(graph, edges);
  const flowSettings = FlowSettingsSchema.safeParse(settings);
  const errors = [
    ...graph.errors,
    ...(flowSettings.success ? [] : settingsErrors(flowSettings.error, settings)),
    ...wiring.errors,
    ...checkOutputsConnected(graph, wiring.connected),
    ...checkReachable(graph, wiring.next),
    ...checkLoops(graph, wiring.next),
    ...(options.knownFields ? checkFields(graph, new Set(options.knownFields)) : []),
  ];
  if (errors.length > 0) return { ok: false, errors };

  if (!flowSettings.success) return { ok: false, errors };

  // Every part passed its own schema above, and FlowDefinitionSchema is only those parts: the
  // typed, defaulted result is assembled from those parses instead of parsing it all again,
  // which was half the time a large definition blocked the event loop.
  const parsed: FlowDefinition = {
    trigger: graph.valid.get(trigger.id) as TriggerNode,
    settings: flowSettings.data,
    nodes: nodes.map((node) => graph.valid.get(node.id) as StepNode),
    edges,
  };
  return { ok: true, definition: parsed };
}

// Just enough shape to walk the graph, so one node's bad settings do not hide problems elsewhere.
const OutlineNodeSchema = z.object({ id: z.string().min(1), type: z.string().min(1) }).loose();
const OutlineSchema = z.object({
  trigger: OutlineNodeSchema,
  settings: z.unknown(),
  nodes: z.array(OutlineNodeSchema),
  edges: z.array(EdgeSchema),
});
type OutlineNode = z.infer<typeof OutlineNodeSchema>;

/** What the graph checks share: node kinds by id, and the nodes whose schema passed. */
type Graph = {
  triggerId: string;
  /** Node ids in definition order, trigger first, duplicates dropped. */
  order: string[];
  types: Map<string, string>;
  valid: Map<string, Node>;
  errors: FlowValidationError[];
};

function readNodes(trigger: OutlineNode, steps: OutlineNode[]): Graph {
  const graph: Graph = { triggerId: trigger.id, order: [], types: new Map(), valid: new Map(), errors: [] };
  const fail = (error: FlowValidationError) => graph.errors.push(error);

  for (const node of [trigger, ...steps]) {
    const { id, type } = node;
    if (graph.types.has(id)) {
      fail({
        code: 'duplicate_node_id',
        nodeId: id,
        message: `Two nodes share the id "${id}"; each node needs its own id.`,
      });
      continue;
    }
    graph.types.set(id, type);
    graph.order.push(id);
    if (!isNodeType(type)) {
      fail({ code: 'unknown_node_kind', nodeId: id, message: `Node "${id}" has the unknown kind "${type}".` });
      continue;
    }
    const what = nameOf(graph, id);
    const isTrigger = NODE_KINDS[type].category === 'trigger';
    if (node === trigger && !isTrigger) {
      fail({
        code: 'trigger_expected',
        nodeId: id,
        message: `${what} cannot start the flow; the flow must start with a trigger.`,
      });
    }
    if (node !== trigger && isTrigger) {
      fail({
        code: 'unexpected_trigger',
        nodeId: id,
        message: `${what} is a trigger; a flow has one trigger, at its start.`,
      });
    }
    const parsed = NodeSchema.safeParse(node);
    if (parsed.success) graph.valid.set(id, parsed.data);
    else explainIssues(parsed.error.issues, node).forEach((problem) => fail(settingError(problem, what, id)));
  }
  return graph;
}

function settingsErrors(error: z.ZodError, settings: unknown): FlowValidationError[] {
  return explainIssues(error.issues, settings, ['settings']).map((problem) => settingError(problem, 'Flow settings'));
}

function settingError(problem: SchemaProblem, what: string, nodeId?: string): FlowValidationError {
  const path = formatPath(problem.path);
  const field = path.replace(/^settings\.?/, '');
  const message = problem.missing
    ? `${what}: ${field || 'settings'} ${field ? 'is' : 'are'} required`
    : `${what}: ${field ? `${field}: ` : ''}${problem.message}`;
  return { code: problem.missing ? 'missing_setting' : 'invalid_setting', message, path, ...(nodeId && { nodeId }) };
}

const outputKey = (from: string, handle: string) => `${from}\u0000${handle}`;

/** Checks each edge and builds the adjacency of the edges that join two real nodes. */
function checkEdges(graph: Graph, edges: Edge[]) {
  const errors: FlowValidationError[] = [];
  const next = new Map<string, string[]>();
  // Which node each used output leads to, keyed by outputKey.
  const connected = new Map<string, string>();

  for (const edge of edges) {
    const { from, to } = edge;
    const fromExists = graph.types.has(from);
    const toExists = graph.types.has(to);
    if (!fromExists || !toExists) {
      const message =
        !fromExists && !toExists
          ? `An edge joins "${from}" to "${to}", but neither node exists.`
          : fromExists
            ? `${nameOf(graph, from)} has an edge to "${to}", which does not exist.`
            : `${nameOf(graph, to)} has an edge coming from "${from}", which does not exist.`;
      errors.push({ code: 'dangling_edge', nodeId: toExists && !fromExists ? to : from, edge, message });
      continue;
    }
    if (to === graph.triggerId) {
      const message = `${nameOf(graph, from)} leads back to the trigger, which only starts the flow; loop back to a step instead.`;
      errors.push({ code: 'edge_into_trigger', nodeId: from, edge, message });
      continue;
    }
    // Appended in place: copying the list per edge made 30,000 edges from one node take seconds.
    const targets = next.get(from);
    if (targets) targets.push(to);
    else next.set(from, [to]);

    const handle = edge.handle ?? DEFAULT_OUTPUT;
    const source = graph.valid.get(from);
    // A node whose settings failed has no trustworthy outputs (A/B variants); its own errors suffice.
    const outputs = source ? outputsOf(source) : undefined;
    if (outputs && !outputs.includes(handle)) {
      errors.push({
        code: 'unknown_handle',
        nodeId: from,
        edge,
        message: unknownHandleMessage(nameOf(graph, from), edge, outputs),
      });
      continue;
    }
    const earlier = connected.get(outputKey(from, handle));
    if (earlier !== undefined) {
      const message = `${nameOf(graph, from)} output "${handle}" leads to both "${earlier}" and "${to}"; an output leads to one step.`;
      errors.push({ code: 'duplicate_output', nodeId: from, edge, message });
      continue;
    }
    connected.set(outputKey(from, handle), to);
  }
  return { errors, next, connected: new Set(connected.keys()) };
}

function unknownHandleMessage(what: string, edge: Edge, outputs: readonly string[]): string {
  if (outputs.length === 0) return `${what} ends the run, so it cannot lead to "${edge.to}".`;
  const choices = outputs.map((o) => `"${o}"`).join(', ');
  if (edge.handle === undefined)
    return `${what} has several outputs; the edge to "${edge.to}" must name one of ${choices}.`;
  return `${what} has no output "${edge.handle}"; its outputs are ${choices}.`;
}

function checkOutputsConnected(graph: Graph, connected: ReadonlySet<string>): FlowValidationError[] {
  return [...graph.valid.values()].flatMap((node) =>
    NODE_KINDS[node.type].everyOutputConnected
      ? outputsOf(node)
          .filter((handle) => !connected.has(outputKey(node.id, handle)))
          .map((handle) => ({
            code: 'unconnected_output' as const,
            nodeId: node.id,
            message: `${nameOf(graph, node.id)} output "${handle}" is not connected; connect it to a step or an Exit.`,
          }))
      : [],
  );
}

function checkReachable(graph: Graph, next: Adjacency): FlowValidationError[] {
  const starts = [graph.triggerId, ...graph.order.filter((id) => kindOf(graph, id)?.enteredByCondition)];
  const reached = reachableFrom(starts, next);
  return graph.order
    .filter((id) => !reached.has(id))
    .map((id) => ({
      code: 'unreachable_node' as const,
      nodeId: id,
      message: `${nameOf(graph, id)} cannot be reached from the trigger; connect it or delete it.`,
    }));
}

/** A loop is fine only if a contact pauses somewhere in it; otherwise a run would spin through it forever. */
function checkLoops(graph: Graph, next: Adjacency): FlowValidationError[] {
  const pauses = (id: string) => kindOf(graph, id)?.pauses === true;
  const withoutWaits = new Map(
    [...next].filter(([from]) => !pauses(from)).map(([from, tos]) => [from, tos.filter((to) => !pauses(to))]),
  );
  return loops(
    graph.order.filter((id) => !pauses(id)),
    withoutWaits,
  ).map((loop) => {
    const [first = ''] = loop;
    const message =
      loop.length === 1
        ? `${nameOf(graph, first)} leads back to itself with no wait; add a Wait or Wait for event in the loop.`
        : `Steps ${loop.map((id) => `"${id}"`).join(', ')} form a loop with no wait, so a contact would go round without pause; add a Wait or Wait for event in the loop.`;
    return { code: 'cycle_without_wait' as const, nodeId: first, message };
  });
}

function checkFields(graph: Graph, knownFields: ReadonlySet<string>): FlowValidationError[] {
  return [...graph.valid.values()].flatMap((node) => {
    const unknown = contactFieldReferences(node).filter((ref) => !isKnownField(ref.field, knownFields));
    const fields = new Set<string>();
    const firstPerField = unknown.filter((ref) => !fields.has(ref.field) && fields.add(ref.field));
    return firstPerField.map((ref) => ({
      code: 'unknown_field' as const,
      nodeId: node.id,
      message: ref.template
        ? `${nameOf(graph, node.id)} uses ${ref.template}, but contacts have no field "${ref.field}".`
        : `${nameOf(graph, node.id)} refers to the contact field "${ref.field}", which does not exist.`,
    }));
  });
}

/** Problems in the outline itself: not an object, a node without id or type, a malformed edge. */
function malformed(issues: readonly z.core.$ZodIssue[], definition: unknown): FlowValidationError[] {
  return explainIssues(issues, definition).map((problem) => {
    const [section, index] = problem.path;
    const ownerId =
      section === 'trigger'
        ? valueAt(definition, ['trigger', 'id'])
        : section === 'nodes' && typeof index === 'number'
          ? valueAt(definition, ['nodes', index, 'id'])
          : undefined;
    const path = formatPath(problem.path);
    const message = path
      ? `Flow definition: ${path} ${problem.missing ? 'is required' : `is invalid: ${problem.message}`}`
      : 'A flow definition must be an object with trigger, settings, nodes and edges.';
    return {
      code: 'malformed_definition' as const,
      message,
      ...(path && { path }),
      ...(typeof ownerId === 'string' && { nodeId: ownerId }),
    };
  });
}

function kindOf(graph: Graph, id: string) {
  const type = graph.types.get(id);
  return type !== undefined && isNodeType(type) ? NODE_KINDS[type] : undefined;
}

/** `Send email step "n2"`, `Contact created trigger "start"`: how messages name a node. */
function nameOf(graph: Graph, id: string): string {
  const kind = kindOf(graph, id);
  if (!kind) return `Node "${id}"`;
  return `${kind.label} ${kind.category === 'trigger' ? 'trigger' : 'step'} "${id}"`;
}
