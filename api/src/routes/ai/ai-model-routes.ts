import { ActiveModelSchema, type ActiveModel } from '@cadenza/core';
import { loadAiEnv, resolveActiveModel } from '@cadenza/services/ai';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/**
 * Which model serves the AI steps: the one resolved at boot from the same variables the worker reads
 * (loadApiConfig), without loading it; apps built without it (tests) resolve it from the environment.
 */
export function aiModelRoutes(activeModel?: ActiveModel): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/ai/model',
      tag: 'ai',
      summary: 'The chat model provider and model the AI steps use',
      access: 'authenticated',
      responses: { 200: { description: 'the active model', schema: ActiveModelSchema } },
      handler: async () => ({ body: activeModel ?? resolveActiveModel(loadAiEnv()) }),
    }),
  ];
}
