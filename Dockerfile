# syntax=docker/dockerfile:1
# ClientDesk (docs/operations.md, "Docker"): docker compose up -d --build
#
# The builder installs the production dependencies, compiling the native SQLite
# driver (better-sqlite3) when no prebuilt binary fits, and compiles the bot to
# JavaScript (`npm run build`: dist/); the runtime image gets only the results,
# runs as the unprivileged `node` user and keeps its database in the /data volume.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Applied to node_modules by `npm ci` itself (postinstall: patch-package)
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY deploy/build.mjs ./deploy/
COPY src ./src
COPY conversations ./conversations
COPY db ./db
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/clientdesk.sqlite \
    HEALTH_PORT=8081 \
    HEALTH_HOST=127.0.0.1
WORKDIR /app
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
# The demo content where the default CONTENT_PATH (db/seed/web-studio.yaml, relative to
# the working directory, as in a checkout) finds it: a first start runs on the demo
COPY --from=builder /app/dist/db/seed ./db/seed
COPY package.json ./
RUN install -d -o node -g node -m 700 /data
USER node
VOLUME ["/data"]
# Webhook mode only (WEBHOOK_PORT); long polling needs no open port
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# The bot process itself (what `npm start` runs), so `docker stop` reaches it
CMD ["node", "--heap-growing-percent=20", "--max-semi-space-size=4", "dist/src/main.js"]
