import { z } from 'zod';
import { ApiErrorSchema, ReadinessReportSchema, SmokeRunRequestSchema, SmokeRunViewSchema } from '@cadenza/core';

const json = (schemaRef: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${schemaRef}` } } });
const errorResponse = (description: string) => ({ description, content: json('ApiError') });

/** The OpenAPI 3.1 document, with schemas generated from the zod schemas in core. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Cadenza API', version: '1.0.0', description: 'Durable CRM automation on Temporal.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'a per-tenant API key (cdz_...)' } },
      schemas: {
        ApiError: z.toJSONSchema(ApiErrorSchema),
        ReadinessReport: z.toJSONSchema(ReadinessReportSchema),
        SmokeRunRequest: z.toJSONSchema(SmokeRunRequestSchema),
        SmokeRunView: z.toJSONSchema(SmokeRunViewSchema),
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Process is up', security: [], responses: { 200: { description: 'up' } } },
      },
      '/ready': {
        get: {
          summary: 'Temporal, PostgreSQL and Redis reported separately',
          security: [],
          responses: {
            200: { description: 'every service is up', content: json('ReadinessReport') },
            503: { description: 'at least one service is down', content: json('ReadinessReport') },
          },
        },
      },
      '/api/v1/smoke-runs': {
        post: {
          summary: 'Start a smoke workflow that writes one row through an activity',
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: json('SmokeRunRequest') },
          responses: {
            202: { description: 'workflow started' },
            400: errorResponse('invalid body'),
            401: errorResponse('missing or unknown API key'),
          },
        },
      },
      '/api/v1/smoke-runs/{workflowId}': {
        get: {
          summary: 'A smoke run: Temporal status, search attributes and the row its activity wrote',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'workflowId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'the run', content: json('SmokeRunView') },
            401: errorResponse('missing or unknown API key'),
            404: errorResponse('no such run for this tenant'),
          },
        },
      },
    },
  };
}
