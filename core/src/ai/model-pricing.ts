import { z } from 'zod';
import type { ActiveModel } from './ai-config';

/** What a model charges, in US dollars per million tokens. */
export const ModelPriceSchema = z.object({
  inputPerMTok: z.number().min(0).describe('USD per 1M prompt tokens'),
  outputPerMTok: z.number().min(0).describe('USD per 1M generated tokens'),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

export const FREE: ModelPrice = { inputPerMTok: 0, outputPerMTok: 0 };

/**
 * List prices of the OpenAI models a tenant is likely to pick (USD per 1M tokens, as published when this
 * was written). Operators override them with AI_PRICE_INPUT_PER_MTOK / AI_PRICE_OUTPUT_PER_MTOK, which
 * also price any model not listed (an OpenAI-compatible server of their own, a newer model).
 */
export const OPENAI_LIST_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
};

/**
 * The price of one call's model: the local GGUF model costs nothing per token; a vendor model is priced by
 * the operator's override when set, else by the list. An unknown vendor model without an override is
 * priced at 0 and flagged, so the caller can say so rather than pretend it is free.
 */
export function priceOf(
  active: Pick<ActiveModel, 'provider' | 'model'>,
  override?: ModelPrice,
): ModelPrice & { known: boolean } {
  if (active.provider === 'local') return { ...FREE, known: true };
  if (override) return { ...override, known: true };
  const listed = OPENAI_LIST_PRICES[active.model];
  return listed ? { ...listed, known: true } : { ...FREE, known: false };
}

/**
 * What a call cost, in whole micro-dollars (1e-6 USD): integers add up exactly in the database, and a
 * fraction of a micro-dollar is rounded up so a stream of tiny calls cannot slip under a cap for free.
 */
export function callCostMicroUsd(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  // USD per 1M tokens is exactly micro-dollars per token.
  const micro = price.inputPerMTok * inputTokens + price.outputPerMTok * outputTokens;
  // Guard against float noise such as 0.15 * 100 = 15.000000000000002 rounding up a whole micro-dollar.
  return Math.ceil(Math.round(micro * 1e6) / 1e6);
}

export const microUsdToUsd = (micro: number) => micro / 1_000_000;
export const usdToMicroUsd = (usd: number) => Math.round(usd * 1_000_000);
