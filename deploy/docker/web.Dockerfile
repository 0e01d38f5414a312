# syntax=docker/dockerfile:1.7
# The web app as static files on unprivileged nginx, proxying /api and /socket.io to the API.
# Optional: the API image serves the same build; use this one to put the UI on its own pods.
#   docker build -f deploy/docker/web.Dockerfile -t cadenza-web .

FROM node:22.20.0-bookworm-slim AS build
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
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY core core
COPY web web
RUN npm run build -w web

FROM nginxinc/nginx-unprivileged:1.29-bookworm AS runtime
# The image's entrypoint renders templates/*.template with envsubst into conf.d at start.
ENV API_UPSTREAM=http://api:3000
COPY deploy/docker/nginx-default.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/web/dist /usr/share/nginx/html
# Run as uid 10001 (the chart's runAsUser) instead of the image's 101: nginx writes only its
# cache and the config rendered from the template (the pid file goes to /tmp), so hand those over.
USER 0
RUN chown -R 10001:10001 /var/cache/nginx /etc/nginx/conf.d
# nginx-unprivileged listens on 8080, so no capability is needed.
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD ["curl", "-fsS", "http://127.0.0.1:8080/healthz"]
