# regie's image: `node dist/api/main.js` (the API, default) or `node dist/worker/main.js` (the Temporal worker).
FROM node:20-slim AS build
WORKDIR /app
# npm ci's postinstall generates the Prisma client, so the schema comes in with the package files.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
RUN npm ci --no-audit --no-fund
COPY . .
# prisma/migrate.ts reads the SQL migrations next to itself: copy them beside the compiled file.
RUN npm run build \
 && cp -r prisma/migrations dist/prisma/migrations \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
