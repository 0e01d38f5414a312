import { ApplicationFailure, continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import type {
  KnowledgeEmbedQueryInput,
  KnowledgeEmbedQueryResult,
  KnowledgeIndexDocumentInput,
  KnowledgeIndexDocumentResult,
  KnowledgeIndexerInput,
} from '@cadenza/contracts';

// Embedding a 1 MB document takes up to a few minutes on the local model; the heartbeat notices a killed worker.
const indexing = proxyActivities<Activities>({
  startToCloseTimeout: '20 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});
const quick = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 3 },
});

const messageOf = (error: unknown): string => {
  const cause = error instanceof ApplicationFailure ? error : (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
};

/** Chunks and embeds one uploaded document; when it gives up, the document is marked failed with the reason. */
export async function knowledgeIndexDocumentWorkflow(
  input: KnowledgeIndexDocumentInput,
): Promise<KnowledgeIndexDocumentResult> {
  try {
    const result = await indexing.knowledgeIndexDocument(input);
    return 'deleted' in result ? { status: 'deleted' } : { status: 'ready', ...result };
  } catch (error) {
    const message = messageOf(error);
    await quick.knowledgeMarkFailed({ ...input, error: message });
    return { status: 'failed', error: message };
  }
}

/** Embeds a search query on the worker and answers the vector with its model's name. */
export async function knowledgeEmbedQueryWorkflow(input: KnowledgeEmbedQueryInput): Promise<KnowledgeEmbedQueryResult> {
  return quick.knowledgeEmbedQuery(input);
}

/** Rounds before continuing as new: keeps the history short (two events a round when idle). */
const ROUNDS_PER_RUN = 500;
const FAILED_ROUND_PAUSE_SECONDS = 60;

/**
 * Keeps notes and timeline entries embedded: embeds what has no vector yet, batch after batch, and
 * when caught up waits `idleSeconds` and looks again. The vectors are written idempotently, so a
 * worker killed mid-batch loses nothing: the retry or the next round embeds what is still missing.
 */
export async function knowledgeIndexerWorkflow(input: KnowledgeIndexerInput): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    try {
      const { embedded } = await indexing.knowledgeIndexPending({ batch: input.batch });
      if (embedded === 0) await sleep(`${input.idleSeconds} seconds`);
    } catch {
      // The model or the database is out for longer than the retries (a missing model file, an outage):
      // the indexer outlives it and tries again later, rather than ending and leaving notes unindexed.
      await sleep(`${FAILED_ROUND_PAUSE_SECONDS} seconds`);
    }
  }
  await continueAsNew<typeof knowledgeIndexerWorkflow>(input);
}
