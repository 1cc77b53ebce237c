# syntax=docker/dockerfile:1
# The recording app: the NestJS API serving the Angular SPA on one port (SERVER_PORT, 6080).
#   docker build -t openvidu-recording-azure .
#   docker run -p 6080:6080 --env-file .env openvidu-recording-azure
# Configuration comes only from the environment at run time (see README.md); nothing secret is baked in.

# ---- build: install the workspace and build the API bundle and the SPA --------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /workspace
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_USE_LOCAL=true \
    NX_TUI=false \
    CI=true

COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the committed lock lacks the optional native packages of other platforms
# (the registry it was made against does not serve them), and `npm ci` rejects such a lock.
RUN npm install --no-audit --no-fund --loglevel=error

COPY . .
RUN npx nx run-many -t build --projects=api,web --configuration=production --outputStyle=static

# The generated dist/apps/api/package.json lists what the bundle imports. Azurite is started as a child process
# (embedded storage when no AZURE_ACCOUNT_NAME is set), so no import reveals it: add it with the workspace's version.
RUN cd dist/apps/api \
 && npm pkg set "dependencies.azurite=$(node -p "require('/workspace/package.json').dependencies.azurite")"

# ---- runtime-deps: only the API's production dependencies -----------------------------------------------
FROM node:24-bookworm-slim AS runtime-deps
WORKDIR /app
COPY --from=build /workspace/dist/apps/api/package*.json ./
RUN npm install --omit=dev --no-audit --no-fund --loglevel=error \
 && npm cache clean --force

# ---- runtime ---------------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SERVER_PORT=6080 \
    LOG_FORMAT=json
WORKDIR /app

# Posters: Debian's ffmpeg 5.1 (security updates from Debian, unlike a static build), without recommended extras.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/*

# Same layout as the workspace: main.js finds the SPA at ../web/browser (WEB_ROOT overrides it).
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/api ./dist/apps/api
COPY --from=build /workspace/dist/apps/web/browser ./dist/apps/web/browser

# The embedded Azurite (only used without AZURE_ACCOUNT_NAME) writes to .data/azurite under the working directory.
RUN mkdir -p /app/.data && chown 1000:1000 /app/.data

# The image's `node` user, given numerically so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000

EXPOSE 6080

# Liveness only (GET /health); readiness (GET /health/ready, storage + LiveKit) belongs to the orchestrator.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SERVER_PORT || 6080) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/apps/api/main.js"]
