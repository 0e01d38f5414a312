import { seededRandom } from './seeded-random';

/** A definition broken on purpose, with the node the validator must name (when one is to blame). */
export interface BrokenFlow {
  mutations: string[];
  definition: unknown;
  /** Node ids at least one error must name; empty for flow-wide or malformed definitions. */
  blamedNodes: string[];
}

type Json = Record<string, unknown>;
type Definition = { trigger: Json; settings: Json; nodes: Json[]; edges: Json[] };

const at = (x: number) => ({ x, y: 0 });

/** A valid five-step sequence; each mutation breaks it in one known way. */
export function validBase(): Definition {
  const nodes = [
    { id: 'tag', type: 'add_tag', settings: { tag: 'vip' } },
    { id: 'mail', type: 'send_email', settings: { subject: 'Hi', body: '<p>hi</p>' } },
    { id: 'field', type: 'update_field', settings: { field: 'lifecycleStage', value: 'lead' } },
    { id: 'wait', type: 'wait', settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
    { id: 'done', type: 'remove_tag', settings: { tag: 'vip' } },
  ];
  const ids = nodes.map((n) => n.id);
  return {
    trigger: { id: 'start', type: 'manual', position: at(0), settings: {} },
    settings: {},
    nodes: nodes.map((node, i) => ({ ...node, position: at(i + 1) })),
    edges: ['start', ...ids].slice(0, -1).map((from, i) => ({ from, to: ids[i]! })),
  };
}

type Mutation = (d: Definition, pick: <T>(items: T[]) => T) => string[] | 'malformed';

/** Each breaks the definition in place and returns the node ids an error must name. */
const MUTATIONS: Record<string, Mutation> = {
  unknown_node_kind: (d, pick) => {
    const node = pick(d.nodes);
    node.type = pick(['launch_rocket', 'SEND_EMAIL', '', 'add-tag']);
    return [String(node.id)];
  },
  missing_setting: (d) => {
    const mail = d.nodes.find((n) => n.id === 'mail')!;
    mail.settings = { body: '<p>no subject</p>' };
    return ['mail'];
  },
  invalid_setting: (d, pick) => {
    const wait = d.nodes.find((n) => n.id === 'wait')!;
    wait.settings = pick([
      { mode: 'duration', duration: { amount: -3, unit: 'days' } },
      { mode: 'duration', duration: { amount: 1, unit: 'fortnights' } },
      { mode: 'sometime', duration: { amount: 1, unit: 'days' } },
    ]);
    return ['wait'];
  },
  duplicate_node_id: (d) => {
    d.nodes.push({ ...d.nodes[0]!, position: at(9) });
    return ['tag'];
  },
  dangling_edge: (d, pick) => {
    d.edges.push({ from: String(pick(d.nodes).id), to: 'ghost' });
    return [];
  },
  edge_into_trigger: (d) => {
    d.edges.push({ from: 'done', to: 'start' });
    return [];
  },
  unreachable_node: (d) => {
    d.nodes.push({ id: 'orphan', type: 'add_tag', settings: { tag: 'x' }, position: at(8) });
    return ['orphan'];
  },
  cycle_without_wait: (d) => {
    d.edges.splice(
      d.edges.findIndex((e) => e.from === 'field'),
      1,
      { from: 'field', to: 'tag' },
    );
    return [];
  },
  unknown_handle: (d) => {
    d.edges[1] = { ...d.edges[1]!, handle: 'sideways' };
    return [];
  },
  unknown_field: (d) => {
    d.nodes.find((n) => n.id === 'field')!.settings = { field: 'shoeSize_not_a_field', value: '42' };
    return ['field'];
  },
  bad_node_id: (d) => {
    if (!Array.isArray(d.nodes) || !d.nodes[2]) return [];
    d.nodes[2].id = 'has spaces & symbols!';
    return [];
  },
  no_trigger: (d) => {
    delete (d as Partial<Definition>).trigger;
    return 'malformed';
  },
  nodes_not_array: (d, pick) => {
    (d as unknown as Json).nodes = pick([null, 'nodes', 42, { a: 1 }]);
    return 'malformed';
  },
  junk_values: (d, pick) => {
    const node = pick(d.nodes);
    node.settings = pick([null, [], 'x'.repeat(5000), { tag: { nested: [1, 2, { deep: null }] } }]);
    return [String(node.id)];
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
const STRUCTURAL = ['bad_node_id', 'no_trigger', 'nodes_not_array'];

/** `count` broken definitions from one seed: 1-3 mutations each, or now and then not an object at all. */
export function generateBrokenFlows(seed: number, count: number): BrokenFlow[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (): BrokenFlow => {
    if (random() < 0.05) {
      return { mutations: ['not_an_object'], definition: pick([null, 7, 'flow', [], true]), blamedNodes: [] };
    }
    const definition = validBase();
    // Structural breaks go last: after them there are no nodes left to break.
    const chosen = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(MUTATION_NAMES)).sort(
      (a, b) => STRUCTURAL.indexOf(a) - STRUCTURAL.indexOf(b),
    );
    const blamed = new Set<string>();
    let malformed = false;
    for (const name of chosen) {
      const result = MUTATIONS[name]!(definition, pick);
      if (result === 'malformed') malformed = true;
      else for (const id of result) blamed.add(id);
    }
    // After a structural break the validator may stop before node checks: only demand the node in simple cases.
    return { mutations: chosen, definition, blamedNodes: malformed || chosen.length > 1 ? [] : [...blamed] };
  });
}
