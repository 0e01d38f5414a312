# syntax=docker/dockerfile:1.7
# The Temporal worker. Build from the repository root:
#   docker build -f deploy/docker/worker.Dockerfile -t cadenza-worker .

# glibc base (not Alpine): @temporalio/core-bridge ships glibc prebuilt binaries.
ARG NODE_IMAGE=node:22.20.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY core/package.json core/
COPY contracts/package.json contracts/
COPY data/package.json data/
COPY services/package.json services/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY workers/package.json workers/
COPY api/package.json api/
COPY web/package.json web/
COPY temporal/package.json temporal/
COPY deploy/package.json deploy/
# Production dependencies plus tsx at the lockfile's version (processes run TypeScript via tsx).
RUN npm ci --omit=dev --no-audit --no-fund \
 && TSX_VERSION="$(node -p "require('./package-lock.json').packages['node_modules/tsx'].version")" \
 && npm install --no-save --omit=dev --no-audit --no-fund "tsx@${TSX_VERSION}" \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    WORKER_METRICS_PORT=9464
WORKDIR /app
COPY --from=deps --chown=10001:10001 /app/node_modules node_modules
COPY --chown=10001:10001 package.json tsconfig.base.json ./
COPY --chown=10001:10001 core core
COPY --chown=10001:10001 contracts contracts
COPY --chown=10001:10001 data data
COPY --chown=10001:10001 services services
COPY --chown=10001:10001 workflows workflows
COPY --chown=10001:10001 activities activities
COPY --chown=10001:10001 temporal temporal
COPY --chown=10001:10001 workers workers
# A high uid with no host account (10001, as the chart's runAsUser).
USER 10001:10001
EXPOSE 9464
# The worker has no API; its metrics server's /health says the process is up.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_METRICS_PORT||9464)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM makes Worker.run() drain in-flight tasks (WORKER_SHUTDOWN_GRACE_SECONDS) before exit.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "workers/src/main.ts"]
