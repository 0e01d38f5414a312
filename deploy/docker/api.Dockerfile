# syntax=docker/dockerfile:1.7
# The API (Express + Socket.IO) serving the built web app. Build from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t cadenza-api .
# The same image runs migrations: `node --import tsx data/src/migrate-cli.ts`,
# and the development SMTP sink: `node --import tsx scripts/services/smtp-sink-process.ts`.

# glibc base (not Alpine): @temporalio/core-bridge and argon2 ship glibc prebuilt binaries.
ARG NODE_IMAGE=node:22.20.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Manifests first, so source edits do not invalidate the npm layer.
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
RUN npm ci --no-audit --no-fund

FROM deps AS web-build
COPY tsconfig.base.json ./
COPY core core
COPY web web
RUN npm run build -w web

FROM deps AS runtime-deps
# Production dependencies only, plus tsx: the processes run TypeScript through tsx's loader
# (the version pinned by the lockfile), exactly as `npm start` does.
RUN npm ci --omit=dev --no-audit --no-fund \
 && TSX_VERSION="$(node -p "require('./package-lock.json').packages['node_modules/tsx'].version")" \
 && npm install --no-save --omit=dev --no-audit --no-fund "tsx@${TSX_VERSION}" \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    WEB_DIST_DIR=/app/web/dist
WORKDIR /app
COPY --from=runtime-deps --chown=10001:10001 /app/node_modules node_modules
COPY --chown=10001:10001 package.json tsconfig.base.json ./
COPY --chown=10001:10001 core core
COPY --chown=10001:10001 contracts contracts
COPY --chown=10001:10001 data data
COPY --chown=10001:10001 services services
COPY --chown=10001:10001 temporal temporal
COPY --chown=10001:10001 api api
# The built-in SMTP sink, which docker-compose runs from this image for the worker's mail.
COPY --chown=10001:10001 scripts/services/smtp-sink-process.ts scripts/services/smtp-sink-env.ts scripts/services/
COPY --from=web-build --chown=10001:10001 /app/web/dist web/dist
COPY --chown=10001:10001 web/package.json web/
# A high uid with no host account (10001, as the chart's runAsUser): a container escape does not
# land on a real user of the node. Nothing in /app is writable but through /tmp.
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "api/src/main.ts"]
