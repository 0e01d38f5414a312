import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { DataSource } from '@cadenza/data';
import type { MessagingSettings } from '@cadenza/services/messaging';
import { egressGuardFollowingEnv, type EgressGuard } from '@cadenza/services/net';
import { NotFoundError, ReadinessReportSchema, type ActiveModel } from '@cadenza/core';
import { errorHandler } from './http/error-handler';
import { jsonBody } from './http/json-body';
import { authenticate, type SessionResolver } from './http/authenticate';
import { mountRoutes, type ApiRoute } from './http/api-route';
import { buildOpenApiDocument } from './http/openapi-document';
import { apiDocsRouter } from './http/api-docs';
import { probeReadiness } from './readiness-probes';
import { smokeRunRoutes } from './routes/smoke-runs';
import { flowRoutes } from './routes/flows/flow-routes';
import { runRoutes } from './routes/flows/run-routes';
import { triggerRoutes } from './routes/flows/trigger-routes';
import { createCrmFlowPort } from '@cadenza/services/flow';
import { authRoutes } from './routes/auth';
import { crmRoutes } from './routes/crm';
import { contactWorkspaceRoutes } from './routes/contact-workspace';
import { importRoutes } from './routes/crm-import/import-routes';
import { contactExportRoutes } from './routes/crm-import/contact-export-routes';
import { gdprRoutes } from './routes/crm-gdpr/gdpr-routes';
import { temporalCodecRoutes } from './routes/temporal-codec/temporal-codec-routes';
import { temporalUiCors } from './http/temporal-ui-cors';
import type { PayloadKeyRing } from '@cadenza/services/privacy';
import { messagingRoutes } from './routes/messaging';
import { analyticsRoutes } from './routes/analytics/analytics-routes';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './auth/auth-settings';
import type { ApiConfig } from './config';
import { createApiMetrics, type ApiMetrics } from './observability/api-metrics';
import { httpObservability, metricsHandler } from './observability/http-observability';
import { silentLogger, type Logger } from './observability/logger';
import { aiModelRoutes } from './routes/ai/ai-model-routes';
import { approvalRoutes } from './routes/ai/approval-routes';
import { promptRoutes } from './routes/ai/prompt-routes';
import { leadScoringRoutes } from './routes/ai/lead-scoring-routes';
import { replyTriageRoutes } from './routes/ai/reply-triage-routes';
import { knowledgeRoutes } from './routes/knowledge/knowledge-routes';
import { precompressedAssets } from './http/precompressed-assets';
import { routePages } from './http/route-pages';
import { DEVELOPMENT_PLATFORM, type PlatformSettings } from './platform-settings';
import { platformRoutes } from './routes/platform/platform-routes';

export interface AppDependencies {
  config: Pick<
    ApiConfig,
    | 'TEMPORAL_NAMESPACE'
    | 'TEMPORAL_TASK_QUEUE'
    | 'TEMPORAL_UI_URL'
    | 'WEB_DIST_DIR'
    | 'BODY_LIMIT'
    | 'READY_PROBE_TIMEOUT_MS'
  > &
    Partial<Pick<ApiConfig, 'TRUST_PROXY'>>;
  db: DataSource;
  redis: Redis;
  temporal: Client;
  resolveSession?: SessionResolver;
  /** Secret key, session lifetime, rate limits; DEFAULT_AUTH_SETTINGS (no TOTP) when omitted. */
  auth?: AuthSettings;
  /** Request log destination; silent when omitted (tests). */
  logger?: Logger;
  /** Prometheus registry served on /metrics; a fresh one when omitted. */
  metrics?: ApiMetrics;
  /** OpenTelemetry server span per request (observability/request-tracing.ts); off when tracing is. */
  requestTracing?: RequestHandler;
  /** Development-only routes and /metrics access, derived from NODE_ENV once at boot; development when omitted. */
  platform?: PlatformSettings;
  /** Messaging settings parsed at boot (loadApiConfig); read from the environment when omitted (tests). */
  messaging?: MessagingSettings;
  /** The model GET /ai/model reports, resolved at boot; resolved per request from the environment when omitted. */
  activeModel?: ActiveModel;
  /** The egress guard built at boot from CADENZA_EGRESS_ALLOW; one following the environment when omitted (tests). */
  egress?: EgressGuard;
  /**
   * The data keys of Temporal payloads (the same ring the Temporal client encrypts with): the
   * GDPR erase shreds a contact's keys, the codec server decodes for the Temporal UI.
   */
  payloadKeys: PayloadKeyRing;
}

/** Every /api/v1 route, each module declaring its own validation, access rule and docs. */
function apiV1Routes({
  config,
  db,
  temporal,
  redis,
  auth,
  platform,
  messaging,
  activeModel,
  egress,
  payloadKeys,
}: AppDependencies & { egress: EgressGuard }): ApiRoute[] {
  return [
    ...authRoutes({ db, redis, settings: auth ?? DEFAULT_AUTH_SETTINGS }),
    ...smokeRunRoutes({
      db,
      temporal,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      temporalUiUrl: config.TEMPORAL_UI_URL,
    }),
    // Before the CRM routes: /contacts/:id would otherwise take "export.csv" for an id.
    ...contactExportRoutes({ db }),
    ...contactWorkspaceRoutes({ db }),
    ...crmRoutes({ db }),
    ...gdprRoutes({ db, temporal, payloadKeys }),
    ...temporalCodecRoutes({ db, payloadKeys }),
    ...importRoutes({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }),
    ...flowEngineRoutes({ config, db, temporal, egress }),
    ...messagingRoutes({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, settings: messaging, egress }),
    ...analyticsRoutes({ db }),
    ...aiModelRoutes(activeModel),
    ...approvalRoutes({ db, temporal }),
    ...promptRoutes({ db }),
    ...leadScoringRoutes({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }),
    ...replyTriageRoutes({ temporal, redis, taskQueue: config.TEMPORAL_TASK_QUEUE }),
    ...knowledgeRoutes({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }),
    ...platformRoutes(platform ?? DEVELOPMENT_PLATFORM),
  ];
}

function flowEngineRoutes({
  config,
  db,
  temporal,
  egress,
}: Pick<AppDependencies, 'config' | 'db' | 'temporal'> & { egress: EgressGuard }): ApiRoute[] {
  const deps = {
    db,
    egressAllow: () => egress.allow,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    namespace: config.TEMPORAL_NAMESPACE,
    temporalUiUrl: config.TEMPORAL_UI_URL,
    crm: createCrmFlowPort(db),
  };
  return [...flowRoutes(deps), ...runRoutes(deps), ...triggerRoutes(deps)];
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
  // Off unless configured: req.ip (and so the per-address sign-in limits) is the real client only behind a named proxy.
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  app.use(helmet());
  // JSON pages (contact lists, timelines) shrink ~10x; precompressed assets pass through untouched.
  app.use(compression());
  const metrics = deps.metrics ?? createApiMetrics();
  app.use(httpObservability(deps.logger ?? silentLogger, metrics));
  const platform = deps.platform ?? DEVELOPMENT_PLATFORM;
  // Scraped by Prometheus inside the cluster (the ingress routes only /, /api and /socket.io); a
  // flow's http_request step or anyone on the app port could read it too, hence the token in production.
  app.get('/metrics', metricsHandler(metrics, platform.metrics));
  // Size and nesting depth are refused before anything parses or walks the body (issue 19).
  app.use(jsonBody(config.BODY_LIMIT));
  if (deps.requestTracing) app.use(deps.requestTracing);

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

  // Development tools are not mounted in production at all: 404 like any unknown route, absent from the docs.
  const v1 = apiV1Routes({ ...deps, egress: deps.egress ?? egressGuardFollowingEnv() }).filter(
    (route) => platform.developmentRoutes || !route.developmentOnly,
  );
  const openApiDocument = buildOpenApiDocument([{ prefix: '/api/v1', routes: v1 }], PROBE_PATHS, {
    ReadinessReport: ReadinessReportSchema,
  });
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api/docs', apiDocsRouter('/api/v1/openapi.json'));

  app.use('/api/v1/temporal-codec', temporalUiCors(config.TEMPORAL_UI_URL));
  app.use('/api/v1', authenticate(db, deps.resolveSession), mountRoutes(v1));
  app.use('/api', (req) => {
    throw new NotFoundError('route', `${req.method} ${req.originalUrl}`);
  });

  serveWebApp(app, config.WEB_DIST_DIR, deps.resolveSession);
  app.use(errorHandler);
  return app;
}

/**
 * The built single-page app, with client-side routes falling back to index.html. A signed-in
 * visit also gets its page's API reads preloaded; a signed-out one does not, since the browser
 * would keep those refusals and hand them to the same reads made after signing in.
 */
function serveWebApp(app: Express, distDir: string, resolveSession: SessionResolver | undefined): void {
  const indexHtml = path.join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    app.get('/', (_req, res) => {
      res.status(503).type('text').send(`The web app is not built: run \`npm run build:web\` (looked in ${distDir}).`);
    });
    return;
  }
  const pageFor = routePages(distDir);
  app.use(precompressedAssets(distDir));
  // index.html itself (also for `/`) comes from the handler below, as its page's HTML with its preload links.
  app.use(express.static(distDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|health$|ready$).*/, async (req, res) => {
    const signedIn = async () => (resolveSession ? resolveSession(req).then(Boolean, () => false) : false);
    const page = await pageFor(req.path, signedIn);
    if (page.link) res.setHeader('Link', page.link);
    res.sendFile(page.htmlFile);
  });
}
