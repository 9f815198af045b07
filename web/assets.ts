/**
 * The pages' style sheets, served from this host only: the NL Design System's Utrecht design tokens and
 * component CSS from their packages (found by module resolution, so the compiled build finds them too),
 * and regie's own small sheet (web/assets/regie-css.ts).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { regieCss } from './assets/regie-css';

const ONE_DAY_SECONDS = 86_400;

const packageFiles: Record<string, string> = {
  'utrecht/design-tokens.css': require.resolve('@utrecht/design-tokens/dist/index.css'),
  'utrecht/components.css': require.resolve('@utrecht/component-library-css/dist/index.css'),
};

export async function registerAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: path.dirname(packageFiles['utrecht/components.css']!), serve: false, decorateReply: true });
  for (const [name, file] of Object.entries(packageFiles)) {
    app.get(`/assets/${name}`, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', `public, max-age=${ONE_DAY_SECONDS}`).sendFile(path.basename(file), path.dirname(file)),
    );
  }
  const etag = `"${createHash('sha256').update(regieCss).digest('base64url').slice(0, 16)}"`;
  app.get('/assets/regie.css', { schema: { hide: true } }, (request, reply) => {
    void reply.header('cache-control', `public, max-age=${ONE_DAY_SECONDS}`).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(regieCss);
  });
}
