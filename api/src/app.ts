import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { DataSource } from '@cadenza/activities/data';
import { NotFoundError } from '@cadenza/core';
import { errorHandler } from './http/error-handler';
import { requireApiKey } from './http/require-api-key';
import { probeReadiness } from './readiness-probes';
import { smokeRunRoutes } from './routes/smoke-runs';
import { buildOpenApiDocument } from './openapi';
import { apiDocsPage } from './api-docs-page';
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
}

export function createApp({ config, db, redis, temporal }: AppDependencies): Express {
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

  const openApiDocument = buildOpenApiDocument();
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.get('/api/docs', (_req, res) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    );
    res.type('html').send(apiDocsPage);
  });

  const v1 = Router();
  v1.use(requireApiKey(db));
  v1.use(
    '/smoke-runs',
    smokeRunRoutes({
      db,
      temporal,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      temporalUiUrl: config.TEMPORAL_UI_URL,
    }),
  );
  app.use('/api/v1', v1);
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
