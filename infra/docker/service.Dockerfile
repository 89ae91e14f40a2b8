# syntax=docker/dockerfile:1
# One Dockerfile for all four services: `--build-arg SERVICE=supply|demand|park-onboarding|fund`.
# The services differ only in which workspace is the entry point; the build (install the
# monorepo from its lockfile, compile the service and the workspaces it depends on, drop dev
# dependencies) is the same, so four copies would only drift apart. docker-compose.yml passes
# SERVICE per service; the build context is the repository root.
ARG NODE_VERSION=20.19.0

# 1. Only the manifests, with their paths, so the install layer is rebuilt when a dependency
#    changes and not when source does. (turbo prune would do this, but the lockfile it writes
#    for npm drops other platforms' optional packages and `npm ci` then refuses it.)
FROM node:${NODE_VERSION}-bookworm-slim AS manifests
WORKDIR /repo
COPY . .
RUN find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print \
    | tar -cf /manifests.tar -T -

# 2. Install, compile the service and its workspace dependencies, keep production dependencies.
FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<supply|demand|park-onboarding|fund>" >&2 && exit 1)
WORKDIR /repo
COPY --from=manifests /manifests.tar /tmp/
RUN tar -xf /tmp/manifests.tar && rm /tmp/manifests.tar
# npm install (not ci): see scripts/bootstrap.sh — the lockfile lacks other platforms' optional binaries.
RUN --mount=type=cache,target=/root/.npm npm install --ignore-scripts --no-audit --no-fund
COPY . .
RUN test -f "services/${SERVICE}/package.json" || (echo "no such service: ${SERVICE}" >&2 && exit 1) \
 && npx turbo run build --filter="@corridor/${SERVICE}..." \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf packages/*/src packages/*/test services/*/src services/*/test infra bench scripts

# 3. Runtime: node and the compiled workspaces only; files stay owned by root (read-only for
#    the process), which runs as the image's unprivileged `node` user.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    KAFKAJS_NO_PARTITIONER_WARNING=1
COPY --from=build /repo /app
WORKDIR /app/services/${SERVICE}
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
