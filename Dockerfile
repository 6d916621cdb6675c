# handoutkit: `handout serve` as a container (multi-stage, non-root, fonts included).
#   docker build -t handoutkit .
#   docker run -p 8080:8080 -e HANDOUT_SERVE_TOKENS="$(cat tokens.yaml)" -v "$PWD/content:/app/content:ro" handoutkit
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY bin ./bin
COPY templates ./templates
COPY locales ./locales
COPY fonts ./fonts
COPY content ./content
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
COPY --from=build --chown=root:root /src/bin ./bin
COPY --from=build --chown=root:root /src/templates ./templates
COPY --from=build --chown=root:root /src/locales ./locales
COPY --from=build --chown=root:root /src/fonts ./fonts
COPY --from=build --chown=root:root /src/content ./content
# the service writes nothing: run as the unprivileged `node` user on a read-only file system if you can
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/handout.js", "serve", "--host", "0.0.0.0", "--port", "8080", "--content", "/app/content"]
