import { z } from 'zod';
import {
  PromptNameSchema,
  PromptVersionCreateSchema,
  PromptVersionSchema,
  TokenBudgetSchema,
  TokenBudgetUpdateSchema,
} from '@cadenza/core';
import {
  actorOf,
  createPromptVersion,
  getTokenBudget,
  listPromptVersions,
  listPrompts,
  resolvePrompt,
  updateTokenBudget,
  type DataSource,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const PromptParams = z.object({ name: PromptNameSchema });
const VersionParams = PromptParams.extend({
  version: z.coerce.number().int().positive().max(2_147_483_647).describe('version number'),
});

/**
 * Tenant prompts (each edit a new immutable version; nodes pin a version or take the latest)
 * and the tenant's daily token budget, checked before every model call.
 */
export function promptRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/ai/prompts',
      tag: 'ai',
      summary: "The latest version of each of the tenant's prompts",
      access: 'flows:read',
      responses: { 200: { description: 'prompts', schema: z.object({ items: z.array(PromptVersionSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listPrompts(deps.db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/ai/prompts/:name/versions',
      tag: 'ai',
      summary: 'Every version of one prompt, newest first',
      access: 'flows:read',
      params: PromptParams,
      responses: {
        200: { description: 'versions', schema: z.object({ items: z.array(PromptVersionSchema) }) },
        404: { description: 'no such prompt' },
      },
      handler: async ({ principal, params }) => ({
        body: { items: await listPromptVersions(deps.db, principal.tenantId, params.name) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/ai/prompts/:name/versions/:version',
      tag: 'ai',
      summary: 'One version of a prompt',
      access: 'flows:read',
      params: VersionParams,
      responses: { 200: { description: 'the version', schema: PromptVersionSchema }, 404: { description: 'none' } },
      handler: async ({ principal, params }) => ({
        body: await resolvePrompt(deps.db, principal.tenantId, params.name, params.version),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/ai/prompts/:name/versions',
      tag: 'ai',
      summary: 'Save a new version of a prompt (the first version creates it); earlier versions stay as they were',
      access: 'templates:manage',
      params: PromptParams,
      body: PromptVersionCreateSchema,
      responses: { 201: { description: 'the new version', schema: PromptVersionSchema } },
      handler: async ({ principal, params, body }) => ({
        status: 201,
        body: await createPromptVersion(deps.db, principal.tenantId, params.name, body, actorOf(principal)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/ai/budget',
      tag: 'ai',
      summary: "The tenant's daily token and cost budgets and today's usage (UTC)",
      access: 'runs:read',
      responses: { 200: { description: 'budget and usage', schema: TokenBudgetSchema } },
      handler: async ({ principal }) => ({ body: await getTokenBudget(deps.db, principal.tenantId) }),
    }),
    defineRoute({
      method: 'put',
      path: '/ai/budget',
      tag: 'ai',
      summary:
        'Set or remove the daily token and cost budgets; an AI step over either fails with AiBudgetExhausted naming which',
      access: 'settings:manage',
      body: TokenBudgetUpdateSchema,
      responses: { 200: { description: 'budget and usage', schema: TokenBudgetSchema } },
      handler: async ({ principal, body }) => ({
        body: await updateTokenBudget(deps.db, principal.tenantId, body),
      }),
    }),
  ];
}
