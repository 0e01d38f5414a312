import {
  twoProportionZTest,
  type AbComparison,
  type AbConversionMetric,
  type AbTestQuery,
  type FlowAbTests,
} from '@cadenza/core';
import type { Db } from '../crm/crm-write';
import { inRange, rangeOf } from './analytics-range';
import { flowNodesFor, type FlowNodeInfo } from './flow-nodes';

/**
 * What converting means, as a condition on one split entry `sp` (enrollment_id, started_at):
 * something the run did after it took its variant. Chosen from a closed list, never from input.
 */
const CONVERTED: Record<AbConversionMetric, string> = {
  replied: messageAfter('replied_at'),
  clicked: messageAfter('clicked_at'),
  opened: messageAfter('opened_at'),
  goal: `EXISTS (SELECT 1 FROM flow_step_runs g WHERE g.enrollment_id = sp.enrollment_id
    AND g.node_type = 'goal' AND g.started_at >= sp.started_at)`,
};

function messageAfter(column: string): string {
  return `EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = $1 AND m.enrollment_id = sp.enrollment_id
    AND m.created_at >= sp.started_at AND m.${column} IS NOT NULL)`;
}

/** Runs that entered each split in the range (first visit: a contact keeps its variant), and how many converted. */
const sqlFor = (metric: AbConversionMetric) => `
  WITH splits AS (
    SELECT DISTINCT ON (s.enrollment_id, s.node_id) s.enrollment_id, s.node_id, s.result->>'variant' AS variant, s.started_at
    FROM flow_step_runs s
    JOIN flow_runs r ON r.enrollment_id = s.enrollment_id AND r.tenant_id = $1 AND r.flow_id = $2 AND NOT r.test_mode
    WHERE s.tenant_id = $1 AND s.node_type = 'ab_split' AND s.result ? 'variant'
    ORDER BY s.enrollment_id, s.node_id, s.visit)
  SELECT sp.node_id, sp.variant, count(*)::int AS entered, count(*) FILTER (WHERE ${CONVERTED[metric]})::int AS conversions
  FROM splits sp
  WHERE ${inRange('sp.started_at', '$3', '$4', '$5')}
  GROUP BY sp.node_id, sp.variant`;

interface SplitRow {
  node_id: string;
  variant: string;
  entered: number;
  conversions: number;
}

/** Results of every A/B split of a flow, each variant tested against the first (the control). */
export async function flowAbTests(db: Db, tenantId: string, flowId: string, query: AbTestQuery): Promise<FlowAbTests> {
  const flow = await flowNodesFor(db, tenantId, flowId);
  const range = await rangeOf(db, query);
  const rows = (await db.query(sqlFor(query.metric), [
    tenantId,
    flowId,
    range.from,
    range.to,
    range.timezone,
  ])) as SplitRow[];
  return {
    flowId,
    from: range.from,
    to: range.to,
    metric: query.metric,
    alpha: query.alpha,
    splits: splitsOf(flow.nodes, rows).map(({ nodeId, label, variants }) => ({
      nodeId,
      label,
      variants,
      comparisons: compareWithControl(variants, query.alpha),
    })),
  };
}

type Variant = { handle: string; entered: number; conversions: number; rate: number };

/** Splits of the current definition in order (variants in their declared order), then any only older versions had. */
function splitsOf(nodes: FlowNodeInfo[], rows: SplitRow[]) {
  const splits = new Map<string, { nodeId: string; label: string | null; variants: Map<string, Variant> }>();
  const split = (nodeId: string, label: string | null = null) => {
    let found = splits.get(nodeId);
    if (!found) splits.set(nodeId, (found = { nodeId, label, variants: new Map() }));
    return found;
  };
  const variant = (nodeId: string, handle: string) => {
    const variants = split(nodeId).variants;
    let found = variants.get(handle);
    if (!found) variants.set(handle, (found = { handle, entered: 0, conversions: 0, rate: 0 }));
    return found;
  };
  for (const node of nodes.filter((n) => n.type === 'ab_split')) {
    split(node.id, node.label);
    for (const handle of node.variants) variant(node.id, handle);
  }
  for (const row of rows) {
    Object.assign(variant(row.node_id, row.variant), {
      entered: row.entered,
      conversions: row.conversions,
      rate: row.entered === 0 ? 0 : row.conversions / row.entered,
    });
  }
  return [...splits.values()].map((s) => ({ nodeId: s.nodeId, label: s.label, variants: [...s.variants.values()] }));
}

function compareWithControl(variants: Variant[], alpha: number): AbComparison[] {
  const [control, ...others] = variants;
  if (!control) return [];
  return others.map((other) => {
    const result = twoProportionZTest(
      { trials: control.entered, conversions: control.conversions },
      { trials: other.entered, conversions: other.conversions },
      alpha,
    );
    if ('unavailable' in result)
      return { handle: other.handle, control: control.handle, unavailable: result.unavailable };
    return {
      handle: other.handle,
      control: control.handle,
      z: result.z,
      pValue: result.pValue,
      significant: result.significant,
      relativeLift: result.relativeLift,
    };
  });
}
