import type { DesignerEdge, DesignerNode } from './designer-types';

/**
 * Whether a send_email reached from `from` follows another send_email on its path: walks the
 * edges backwards from `from` (itself included). Iterative, each node once, so cycles and long
 * flows cost nothing extra.
 */
export function followsSendEmail(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  from: string,
): boolean {
  const typeOf = new Map(nodes.map((node) => [node.id, node.type]));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (typeOf.get(id) === 'send_email') return true;
    for (const edge of edges) if (edge.to === id) stack.push(edge.from);
  }
  return false;
}

/**
 * A follow-up threads by default, as in sales tools: a send_email added in the designer whose
 * threading nobody chose yet gets threadWithPrevious once it is connected after another
 * send_email. Stored flows are never changed by this (the schema default stays false).
 */
export function threadedByDefault(settings: unknown): unknown {
  const current = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  return { ...current, threadWithPrevious: true };
}
