/**
 * Graph algorithms over node ids, kept free of flow types so they stay easy to trust.
 * `next` maps each node to the nodes its edges lead to.
 */
export type Adjacency = ReadonlyMap<string, readonly string[]>;

/** Every node reachable from the starting nodes (the starts included). */
export function reachableFrom(starts: Iterable<string>, next: Adjacency): Set<string> {
  const seen = new Set(starts);
  const queue = [...seen];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const to of next.get(id) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * The loops of a graph: its strongly connected components that contain a cycle (more than
 * one node, or one node with an edge to itself). Tarjan's algorithm, one pass over the edges.
 * Each loop lists its nodes in the order of `nodes`.
 */
export function loops(nodes: readonly string[], next: Adjacency): string[][] {
  type Visit = { index: number; low: number; onStack: boolean };
  const visits = new Map<string, Visit>();
  const stack: Array<{ id: string; visit: Visit }> = [];
  const components: string[][] = [];

  const visit = (id: string): Visit => {
    const self: Visit = { index: visits.size, low: visits.size, onStack: true };
    visits.set(id, self);
    stack.push({ id, visit: self });
    for (const to of next.get(id) ?? []) {
      const seen = visits.get(to);
      if (!seen) self.low = Math.min(self.low, visit(to).low);
      else if (seen.onStack) self.low = Math.min(self.low, seen.index);
    }
    if (self.low === self.index) {
      const component: string[] = [];
      for (let top = stack.pop(); top; top = stack.pop()) {
        top.visit.onStack = false;
        component.push(top.id);
        if (top.id === id) break;
      }
      components.push(component);
    }
    return self;
  };

  for (const id of nodes) if (!visits.has(id)) visit(id);

  const order = new Map(nodes.map((id, i) => [id, i]));
  const isLoop = (component: string[]) =>
    component.length > 1 || component.some((id) => (next.get(id) ?? []).includes(id));
  return components
    .filter(isLoop)
    .map((component) => component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
}
