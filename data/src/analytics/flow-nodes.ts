import { NotFoundError } from '@cadenza/core';
import type { Db } from '../crm/crm-write';

export interface FlowNodeInfo {
  id: string;
  type: string;
  label: string | null;
  /** ab_split nodes: their variant handles, control first. */
  variants: string[];
}

/**
 * A flow's name and the nodes of its latest published version (the draft when none is
 * published), in definition order: reports list steps the way the designer holds them.
 */
export async function flowNodesFor(
  db: Db,
  tenantId: string,
  flowId: string,
): Promise<{ name: string; nodes: FlowNodeInfo[] }> {
  if (!/^[0-9a-f-]{36}$/i.test(flowId)) throw new NotFoundError('flow', flowId);
  const [row] = (await db.query(
    `SELECT f.name, coalesce(
       (SELECT v.definition FROM flow_versions v WHERE v.tenant_id = f.tenant_id AND v.flow_id = f.id
        ORDER BY v.version DESC LIMIT 1), f.draft) AS definition
     FROM flows f WHERE f.tenant_id = $1 AND f.id = $2`,
    [tenantId, flowId],
  )) as Array<{ name: string; definition: { nodes?: unknown } | null }>;
  if (!row) throw new NotFoundError('flow', flowId);
  return { name: row.name, nodes: nodesOf(row.definition) };
}

/** Reads nodes defensively: a draft may be half drawn, and an old version may predate a field. */
export function nodesOf(definition: { nodes?: unknown } | null): FlowNodeInfo[] {
  const nodes = Array.isArray(definition?.nodes) ? (definition.nodes as unknown[]) : [];
  return nodes.flatMap((node) => {
    const n = node as { id?: unknown; type?: unknown; label?: unknown; settings?: { variants?: unknown } };
    if (typeof n.id !== 'string' || typeof n.type !== 'string') return [];
    const variants = Array.isArray(n.settings?.variants)
      ? (n.settings.variants as Array<{ handle?: unknown }>).flatMap((v) =>
          typeof v.handle === 'string' ? [v.handle] : [],
        )
      : [];
    return [{ id: n.id, type: n.type, label: typeof n.label === 'string' ? n.label : null, variants }];
  });
}
