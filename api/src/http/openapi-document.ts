import { z } from 'zod';
import { ApiErrorSchema } from '@cadenza/core';
import type { ApiRoute } from './api-route';

/** Express ':id' params become OpenAPI '{id}'. */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } };

function parameters(route: ApiRoute) {
  const list: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema || !(schema instanceof z.ZodObject)) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      list.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        description: field.description,
        schema: jsonSchema(field),
      });
    }
  }
  return list;
}

function operation(route: ApiRoute) {
  const responses: Record<string, object> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = response.schema
      ? {
          description: response.description,
          content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema) } },
        }
      : { description: response.description };
  }
  if (route.params || route.query || route.body)
    responses['400'] ??= { description: 'invalid input; the message names each bad field', content: errorContent };
  if (route.access !== 'public') {
    responses['401'] ??= { description: 'not signed in, or unknown API key', content: errorContent };
    if (route.access !== 'authenticated')
      responses['403'] ??= { description: `needs the ${route.access} permission`, content: errorContent };
  }
  return {
    summary: route.summary,
    tags: [route.tag],
    security: route.access === 'public' ? [] : [{ apiKey: [] }, { session: [] }],
    ...(route.access !== 'public' && route.access !== 'authenticated' ? { 'x-permission': route.access } : {}),
    parameters: parameters(route),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the same route declarations and zod schemas the API runs. */
export function buildOpenApiDocument(
  mounted: Array<{ prefix: string; routes: ApiRoute[] }>,
  extraPaths: Record<string, object> = {},
  extraSchemas: Record<string, z.ZodType> = {},
) {
  const paths: Record<string, Record<string, object>> = { ...(extraPaths as Record<string, Record<string, object>>) };
  for (const { prefix, routes } of mounted) {
    for (const route of routes) {
      const path = toOpenApiPath(prefix + route.path);
      paths[path] = { ...paths[path], [route.method]: operation(route) };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Cadenza API', version: '1.0.0', description: 'Durable CRM automation on Temporal.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'a per-tenant API key (cdz_...)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cadenza_session',
          description: 'signed-in user session; writes also need the X-CSRF-Token header',
        },
      },
      schemas: Object.fromEntries(
        Object.entries({ ApiError: ApiErrorSchema, ...extraSchemas }).map(([name, schema]) => [
          name,
          jsonSchema(schema),
        ]),
      ),
    },
    paths,
  };
}
