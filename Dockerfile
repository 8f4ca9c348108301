# syntax=docker/dockerfile:1
# One image for every program Capstan runs (deploy/README.md): `capstan portal | worker | gateway | migrate |
# wait-for-migrations` (deploy/image/capstan), which the Kubernetes manifests (deploy/) and docker-compose.yml
# name as the container's arguments.
#
# Two stages. The build stage installs every dependency (`npm ci`, whose postinstall generates the Prisma client
# and builds the portal) and lays out the runtime files with deploy/image/layout.ts: production dependencies and
# tsx, the programs' TypeScript sources, the portal's build, the migrations and the entry point, without tests,
# dev tools or the embedded PostgreSQL. The runtime stage copies only that, owned by root and read-only to the
# programs, which run as UID/GID 10001 (the manifests' runAsUser).
#
# The programs stay TypeScript run through tsx (`node --import tsx`, one process) rather than bundled: the
# workspaces export their .ts sources, every other way of running them (npm start, the tests) goes through tsx,
# and code that finds files beside itself (the migrations by import.meta.dirname, the portal's messages, read by
# the worker) keeps working unchanged. It costs tsx and esbuild in the image (~11 MiB) and a compile at start.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && node_modules/.bin/tsx deploy/image/layout.ts /src /out

FROM ${NODE_IMAGE}
RUN groupadd --gid 10001 capstan \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin capstan
# CAPSTAN_HOME for docker-compose.yml: a named volume mounted here starts owned by the image's user.
RUN mkdir -p /var/lib/capstan && chown 10001:10001 /var/lib/capstan && chmod 0700 /var/lib/capstan
WORKDIR /app
COPY --from=build /out /app
# /tmp (tsx's compile cache) and apps/portal/.next/cache are the only places written: emptyDir volumes in
# Kubernetes (deploy/base), tmpfs in docker-compose.yml.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOME=/tmp \
    PORT=3000 \
    CAPSTAN_GATEWAY_PORT=3001
USER 10001:10001
EXPOSE 3000 3001 9464
ENTRYPOINT ["/app/bin/capstan"]
CMD ["portal"]
