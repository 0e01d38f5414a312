import { z } from 'zod';
import { ApiKeyViewSchema, CreateApiKeyRequestSchema, CreatedApiKeySchema } from '@cadenza/core';
import { auditContextOf, issueTenantApiKey, listTenantApiKeys, revokeTenantApiKey } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import type { AuthRouteDependencies } from './auth-route-deps';

const KeyIdParams = z.object({ keyId: z.uuid().describe('id of an API key of this workspace') });

/** Per-workspace API keys for server-to-server calls; the secret is shown once, at creation. */
export function apiKeyRoutes({ db }: AuthRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api-keys',
      tag: 'api keys',
      summary: 'API keys of this workspace, live and revoked (never their secrets)',
      access: 'api_keys:manage',
      responses: { 200: { description: 'the keys', schema: z.object({ items: z.array(ApiKeyViewSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listTenantApiKeys(db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api-keys',
      tag: 'api keys',
      summary: 'Create an API key acting with a role; the response is the only time the secret is shown',
      access: 'api_keys:manage',
      body: CreateApiKeyRequestSchema,
      responses: { 201: { description: 'the key and its secret', schema: CreatedApiKeySchema } },
      handler: async ({ body, principal, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { status: 201, body: await issueTenantApiKey(db, principal.tenantId, body, auditContextOf(principal)) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api-keys/:keyId',
      tag: 'api keys',
      summary: 'Revoke an API key; calls with it fail from now on',
      access: 'api_keys:manage',
      params: KeyIdParams,
      responses: {
        200: { description: 'the revoked key', schema: ApiKeyViewSchema },
        404: { description: 'no such key in this workspace' },
      },
      handler: async ({ params, principal }) => ({
        body: await revokeTenantApiKey(db, principal.tenantId, params.keyId, auditContextOf(principal)),
      }),
    }),
  ];
}
