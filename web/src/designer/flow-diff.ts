import { FlowSettingsSchema, NodeSchema } from '@cadenza/core';
import { fromDefinition } from './flow-graph';
import type { DesignerNode, GraphSnapshot } from './designer-types';

/** One value that differs between two versions, by dotted path ("settings.subject"). */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  id: string;
  changes: ValueChange[];
}

/** What publishing would change, compared with the previous published version. */
export interface FlowDiff {
  nodes: { added: string[]; removed: string[]; changed: NodeChange[]; moved: string[] };
  edges: { added: string[]; removed: string[] };
  settings: ValueChange[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Order-independent equality for JSON values (object key order never matters in a definition). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return false;
}

/**
 * The leaves that differ between two values. Objects are walked key by key; arrays and
 * scalars are compared whole, since "days: [mon, tue] → [mon]" reads better than per-index noise.
 */
export function valueChanges(before: unknown, after: unknown, path = ''): ValueChange[] {
  if (sameJson(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => valueChanges(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return [{ path, before, after }];
}

/** The parts of a node that mean something to a run: not where it sits on the canvas. */
const meaningOf = (node: DesignerNode) => ({ type: node.type, label: node.label, settings: node.settings });

const edgeLabel = (edge: { from: string; to: string; handle?: string }) =>
  `${edge.from}${edge.handle && edge.handle !== 'next' ? ` (${edge.handle})` : ''} → ${edge.to}`;

/**
 * Settings as the engine reads them: a published version is stored with every default filled
 * in, a draft is not, and `trackOpens: true` written out must not read as a change from
 * leaving it out. Whatever does not parse yet (a draft being edited) is compared as it is.
 */
export function normalised(graph: GraphSnapshot): GraphSnapshot {
  const nodes = graph.nodes.map((node) => {
    const parsed = NodeSchema.safeParse({
      id: node.id,
      type: node.type,
      position: node.position,
      settings: node.settings,
    });
    return parsed.success ? { ...node, settings: parsed.data.settings } : node;
  });
  const settings = FlowSettingsSchema.safeParse(graph.settings ?? {});
  return { ...graph, nodes, settings: settings.success ? settings.data : graph.settings };
}

/**
 * Compares two flow definitions (stored JSON, possibly partial) the way a reviewer would:
 * steps added, removed or changed (with each changed setting), steps only moved on the
 * canvas, connections added or removed, and flow-wide settings changed. `previous` is
 * undefined for a first publish, which makes everything "added".
 */
export function diffDefinitions(previous: unknown, next: unknown): FlowDiff {
  const before = previous === undefined ? { nodes: [], edges: [], settings: {} } : normalised(fromDefinition(previous));
  const after = normalised(fromDefinition(next));
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));

  const changed: NodeChange[] = [];
  const moved: string[] = [];
  for (const [id, node] of afterNodes) {
    const old = beforeNodes.get(id);
    if (!old) continue;
    const changes = valueChanges(meaningOf(old), meaningOf(node));
    if (changes.length) changed.push({ id, changes });
    else if (!sameJson(old.position, node.position)) moved.push(id);
  }

  const beforeEdges = new Map(before.edges.map((edge) => [edge.id, edge]));
  const afterEdges = new Map(after.edges.map((edge) => [edge.id, edge]));
  return {
    nodes: {
      added: [...afterNodes.keys()].filter((id) => !beforeNodes.has(id)),
      removed: [...beforeNodes.keys()].filter((id) => !afterNodes.has(id)),
      changed,
      moved,
    },
    edges: {
      added: [...afterEdges].filter(([id]) => !beforeEdges.has(id)).map(([, edge]) => edgeLabel(edge)),
      removed: [...beforeEdges].filter(([id]) => !afterEdges.has(id)).map(([, edge]) => edgeLabel(edge)),
    },
    settings: valueChanges(before.settings ?? {}, after.settings ?? {}),
  };
}

/** True when publishing would change nothing a run could notice (moves on the canvas aside). */
export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length === 0 &&
    diff.edges.added.length + diff.edges.removed.length === 0 &&
    diff.settings.length === 0
  );
}
