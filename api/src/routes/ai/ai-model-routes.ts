import { activeModelSchema } from '@cadenza/core';
import { loadAiEnv, resolveActiveModel } from '@cadenza/activities';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/** Which model serves the AI steps; read from the same environment the worker reads, without loading it. */
export function aiModelRoutes(env: Record<string, string | undefined> = process.env): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/ai/model',
      tag: 'ai',
      summary: 'The chat model provider and model the AI steps use',
      access: 'authenticated',
      responses: { 200: { description: 'the active model', schema: activeModelSchema } },
      handler: async () => ({ body: resolveActiveModel(loadAiEnv(env)) }),
    }),
  ];
}
