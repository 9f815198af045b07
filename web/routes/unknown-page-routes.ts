/**
 * A browser that asks for an address no route has (a typo, an old bookmark) gets the "not found" page in
 * its language, with the menu; any other client gets the API's JSON 404. Only for GET: the other methods
 * keep Fastify's own answer.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../../api/deps';
import { notFound } from '../../api/errors';

/** Whether the client prefers a page: browsers put text/html first in Accept. */
function wantsPage(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.trim().startsWith('text/html') ?? false;
}

export function unknownPageRoutes(_deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (wantsPage(request.headers.accept)) throw notFound(`No page ${request.url}`);
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Route GET:${request.url} not found` });
    });
  };
}
