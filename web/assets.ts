/**
 * The pages' style sheets, served from this host only: the NL Design System's Utrecht design tokens and
 * component CSS from node_modules, and regie's own small sheet (web/assets/regie.css).
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const root = path.resolve(__dirname, '..');
const ONE_DAY_SECONDS = 86_400;

const files: Record<string, string> = {
  'utrecht/design-tokens.css': path.join(root, 'node_modules/@utrecht/design-tokens/dist/index.css'),
  'utrecht/components.css': path.join(root, 'node_modules/@utrecht/component-library-css/dist/index.css'),
  'regie.css': path.join(root, 'web/assets/regie.css'),
};

export async function registerAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: path.join(root, 'web/assets'), serve: false, decorateReply: true });
  for (const [name, file] of Object.entries(files)) {
    app.get(`/assets/${name}`, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', `public, max-age=${ONE_DAY_SECONDS}`).sendFile(path.basename(file), path.dirname(file)),
    );
  }
}
