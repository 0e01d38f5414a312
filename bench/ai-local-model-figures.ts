import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** ai-local-model: the AI step path against the raw llama.cpp host, the agent chain against its own model calls. */
export function aiLocalModelFigures(r: Json): Figure[] {
  return [
    figure('ai-local-model', 'local model tokens/s (AI step path)', r.platform.tokensPerSecond, '/s', {
      name: 'raw llama.cpp host',
      value: r.raw.tokensPerSecond,
    }),
    figure('ai-local-model', `${r.settings.draftTokens}-token draft latency`, r.platform.medianMs, 'ms', {
      name: 'raw llama.cpp host',
      value: r.raw.medianMs,
    }),
    figure('ai-local-model', 'agent chain to approval', r.chain.medianWallMs, 'ms', {
      name: 'its model calls alone',
      value: r.chain.medianModelMs,
    }),
  ];
}
