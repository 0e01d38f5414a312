import { Command } from '@langchain/langgraph';
import type { AgentDecision } from '@cadenza/core';
import type { ApprovalRequest, OutreachGraph, OutreachValues } from './outreach-graph';

export type ChainOutcome =
  | { kind: 'awaiting_approval'; request: ApprovalRequest; values: OutreachValues }
  | { kind: 'finished'; values: OutreachValues };

type Snapshot = Awaited<ReturnType<OutreachGraph['getState']>>;

const pendingApproval = (snapshot: Snapshot): ApprovalRequest | undefined =>
  snapshot.tasks.flatMap((task) => task.interrupts ?? []).map((found) => found.value as ApprovalRequest)[0];

/**
 * Moves a chain's thread on from wherever its last checkpoint left it: starts a new thread,
 * continues one an earlier attempt left mid-way (a crashed or retried activity), resumes one
 * waiting for approval when a decision is given, and leaves a finished or waiting one as it is.
 * So every activity attempt may call it again, and no completed node runs twice.
 */
export async function advanceChain(
  graph: OutreachGraph,
  threadId: string,
  decision?: AgentDecision,
): Promise<ChainOutcome> {
  // "sync": each node's checkpoint is written before the next node starts, so a crash loses at most the running node.
  // The tool loop takes two supersteps per call (choose, call): room for maxSteps (at most 50) and the chain.
  const config = { configurable: { thread_id: threadId }, durability: 'sync' as const, recursionLimit: 128 };
  const before = await graph.getState(config);
  const waiting = pendingApproval(before);
  if (before.createdAt === undefined) await graph.invoke({ research: null }, config);
  else if (waiting) {
    if (decision) await graph.invoke(new Command({ resume: decision }), config);
  } else if (before.next.length > 0) await graph.invoke(null, config);

  const after = await graph.getState(config);
  const stillWaiting = pendingApproval(after);
  return stillWaiting
    ? { kind: 'awaiting_approval', request: stillWaiting, values: after.values as OutreachValues }
    : { kind: 'finished', values: after.values as OutreachValues };
}
