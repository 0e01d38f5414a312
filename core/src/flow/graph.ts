/**
 * Graph algorithms over node ids, kept free of flow types so they stay easy to trust.
 * `next` maps each node to the nodes its edges lead to.
 */
export type Adjacency = ReadonlyMap<string, readonly string[]>;

/** Every node reachable from the starting nodes (the starts included). Breadth-first, linear in the edges. */
export function reachableFrom(starts: Iterable<string>, next: Adjacency): Set<string> {
  const seen = new Set(starts);
  const queue = [...seen];
  // An index instead of queue.shift(), which is linear per call and made large graphs quadratic.
  for (let head = 0; head < queue.length; head++) {
    for (const to of next.get(queue[head]!) ?? []) {
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
 * one node, or one node with an edge to itself). Tarjan's algorithm, one pass over the edges,
 * with an explicit stack of frames instead of recursion: a request may send a chain of
 * thousands of nodes, which a recursive walk would answer with a stack overflow.
 * Each loop lists its nodes in the order of `nodes`.
 */
export function loops(nodes: readonly string[], next: Adjacency): string[][] {
  type Visit = { index: number; low: number; onStack: boolean };
  /** One node being explored, and how far through its edges the walk is. */
  type Frame = { id: string; visit: Visit; edges: readonly string[]; edge: number };
  const visits = new Map<string, Visit>();
  const stack: Array<{ id: string; visit: Visit }> = [];
  const components: string[][] = [];

  const enter = (id: string): Frame => {
    const visit: Visit = { index: visits.size, low: visits.size, onStack: true };
    visits.set(id, visit);
    stack.push({ id, visit });
    return { id, visit, edges: next.get(id) ?? [], edge: 0 };
  };

  const closeComponent = (frame: Frame) => {
    const component: string[] = [];
    for (let top = stack.pop(); top; top = stack.pop()) {
      top.visit.onStack = false;
      component.push(top.id);
      if (top.id === frame.id) break;
    }
    components.push(component);
  };

  for (const root of nodes) {
    if (visits.has(root)) continue;
    const frames = [enter(root)];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.edge < frame.edges.length) {
        const to = frame.edges[frame.edge++]!;
        const seen = visits.get(to);
        if (!seen) frames.push(enter(to));
        else if (seen.onStack) frame.visit.low = Math.min(frame.visit.low, seen.index);
        continue;
      }
      // Every edge of this node is explored: close its component, then hand its low link to its caller.
      frames.pop();
      if (frame.visit.low === frame.visit.index) closeComponent(frame);
      const caller = frames[frames.length - 1];
      if (caller) caller.visit.low = Math.min(caller.visit.low, frame.visit.low);
    }
  }

  const order = new Map(nodes.map((id, i) => [id, i]));
  const isLoop = (component: string[]) =>
    component.length > 1 || component.some((id) => (next.get(id) ?? []).includes(id));
  return components
    .filter(isLoop)
    .map((component) => component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
}
