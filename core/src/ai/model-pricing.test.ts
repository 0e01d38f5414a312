import { parseEnv } from '../env-config';
import { AiEnvSchema } from './ai-config';
import { callCostMicroUsd, microUsdToUsd, priceOf, usdToMicroUsd } from './model-pricing';

describe('priceOf', () => {
  it('prices the local model at zero, whatever the override', () => {
    expect(priceOf({ provider: 'local', model: 'gemma.gguf' }, { inputPerMTok: 5, outputPerMTok: 5 })).toEqual({
      inputPerMTok: 0,
      outputPerMTok: 0,
      known: true,
    });
  });

  it('uses the list price of a known OpenAI model, and the operator override before it', () => {
    expect(priceOf({ provider: 'openai', model: 'gpt-4o-mini' })).toEqual({
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      known: true,
    });
    expect(priceOf({ provider: 'openai', model: 'gpt-4o-mini' }, { inputPerMTok: 1, outputPerMTok: 2 })).toEqual({
      inputPerMTok: 1,
      outputPerMTok: 2,
      known: true,
    });
  });

  it('flags an unlisted vendor model without an override as unknown', () => {
    expect(priceOf({ provider: 'openai', model: 'my-own-llm' })).toEqual({
      inputPerMTok: 0,
      outputPerMTok: 0,
      known: false,
    });
  });
});

describe('callCostMicroUsd', () => {
  it('charges input and output tokens at their own rates', () => {
    // 1000 in at $2.50/M = 2500 micro-USD; 500 out at $10/M = 5000 micro-USD.
    expect(callCostMicroUsd({ inputPerMTok: 2.5, outputPerMTok: 10 }, 1000, 500)).toBe(7500);
  });

  it('rounds a fraction of a micro-dollar up, but not float noise', () => {
    expect(callCostMicroUsd({ inputPerMTok: 0.15, outputPerMTok: 0.6 }, 1, 0)).toBe(1);
    expect(callCostMicroUsd({ inputPerMTok: 0.15, outputPerMTok: 0.6 }, 100, 0)).toBe(15);
    expect(callCostMicroUsd({ inputPerMTok: 0, outputPerMTok: 0 }, 10_000, 10_000)).toBe(0);
  });

  it('converts between dollars and micro-dollars', () => {
    expect(usdToMicroUsd(0.0001)).toBe(100);
    expect(microUsdToUsd(2_500_000)).toBe(2.5);
  });
});

describe('the AI price variables', () => {
  it('parse both prices as numbers', () => {
    const env = parseEnv('ai', AiEnvSchema, { AI_PRICE_INPUT_PER_MTOK: '0.5', AI_PRICE_OUTPUT_PER_MTOK: '1.5' });
    expect([env.AI_PRICE_INPUT_PER_MTOK, env.AI_PRICE_OUTPUT_PER_MTOK]).toEqual([0.5, 1.5]);
  });

  it('fail at boot naming the bad or missing variable', () => {
    expect(() =>
      parseEnv('ai', AiEnvSchema, { AI_PRICE_INPUT_PER_MTOK: 'cheap', AI_PRICE_OUTPUT_PER_MTOK: '1' }),
    ).toThrow(/AI_PRICE_INPUT_PER_MTOK/);
    expect(() => parseEnv('ai', AiEnvSchema, { AI_PRICE_INPUT_PER_MTOK: '-1', AI_PRICE_OUTPUT_PER_MTOK: '1' })).toThrow(
      /AI_PRICE_INPUT_PER_MTOK/,
    );
    expect(() => parseEnv('ai', AiEnvSchema, { AI_PRICE_INPUT_PER_MTOK: '1' })).toThrow(
      /AI_PRICE_OUTPUT_PER_MTOK: required when AI_PRICE_INPUT_PER_MTOK is set/,
    );
  });
});
