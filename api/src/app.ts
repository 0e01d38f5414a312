import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { DataSource } from '@cadenza/activities/data';
import { NotFoundError, ReadinessReportSchema } from '@cadenza/core';
import { errorHandler } from './http/error-handler';
import { authenticate, type SessionResolver } from './http/authenticate';
import { mountRoutes, type ApiRoute } from './http/api-route';
import { buildOpenApiDocument } from './http/openapi-document';
import { apiDocsRouter } from './http/api-docs';
import { probeReadiness } from './readiness-probes';
import { smokeRunRoutes } from './routes/smoke-runs';
import type { ApiConfig } from './config';

export interface AppDependencies {
  config: Pick<
    ApiConfig,
    | 'TEMPORAL_NAMESPACE'
    | 'TEMPORAL_TASK_QUEUE'
    | 'TEMPORAL_UI_URL'
    | 'WEB_DIST_DIR'
    | 'BODY_LIMIT'
    | 'READY_PROBE_TIMEOUT_MS'
  >;
  db: DataSource;
  redis: Redis;
  temporal: Client;
  resolveSession?: SessionResolver;
}

/** Every /api/v1 route, each module declaring its own validation, access rule and docs. */
function apiV1Routes({ config, db, temporal }: AppDependencies): ApiRoute[] {
  return [
    ...smokeRunRoutes({
      db,
      temporal,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      temporalUiUrl: config.TEMPORAL_UI_URL,
    }),
  ];
}

const PROBE_PATHS = {
  '/health': {
    get: { summary: 'Process is up', tags: ['platform'], security: [], responses: { 200: { description: 'up' } } },
  },
  '/ready': {
    get: {
      summary: 'Temporal, PostgreSQL and Redis, reported separately',
      tags: ['platform'],
      security: [],
      responses: {
        200: {
          description: 'every service is up',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ReadinessReport' } } },
        },
        503: {
          description: 'at least one service is down',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ReadinessReport' } } },
        },
      },
    },
  },
};

export function createApp(deps: AppDependencies): Express {
  const { config, db, redis, temporal } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(express.json({ limit: config.BODY_LIMIT }));

  // Probes are public: they reveal service health, never tenant data.
  app.get('/health', (_req, res) => {
    res.json({ status: 'up' });
  });
  app.get('/ready', async (_req, res) => {
    const report = await probeReadiness({
      temporal: temporal.connection,
      db,
      redis,
      timeoutMs: config.READY_PROBE_TIMEOUT_MS,
    });
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });

  const v1 = apiV1Routes(deps);
  const openApiDocument = buildOpenApiDocument([{ prefix: '/api/v1', routes: v1 }], PROBE_PATHS, {
    ReadinessReport: ReadinessReportSchema,
  });
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api/docs', apiDocsRouter('/api/v1/openapi.json'));

  app.use('/api/v1', authenticate(db, deps.resolveSession), mountRoutes(v1));
  app.use('/api', (req) => {
    throw new NotFoundError('route', `${req.method} ${req.originalUrl}`);
  });

  serveWebApp(app, config.WEB_DIST_DIR);
  app.use(errorHandler);
  return app;
}

/** The built single-page app, with client-side routes falling back to index.html. */
function serveWebApp(app: Express, distDir: string): void {
  const indexHtml = path.join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    app.get('/', (_req, res) => {
      res.status(503).type('text').send(`The web app is not built: run \`npm run build:web\` (looked in ${distDir}).`);
    });
    return;
  }
  app.use(express.static(distDir, { index: 'index.html', maxAge: '1h' }));
  app.get(/^\/(?!api\/|health$|ready$).*/, (_req, res) => {
    res.sendFile(indexHtml);
  });
}
