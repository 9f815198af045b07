/**
 * The web pages every role uses, rendered on the server (React to HTML, no client-side JavaScript), on
 * the same services and access rules as the API. Registered by api/server.ts.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../api/deps';
import { registerAssets } from './assets';
import { pageErrorHandler } from './error-handler';
import { mailPageRoutes } from './routes/mail-routes';
import { signInPageRoutes } from './routes/sign-in-routes';

export function webPages(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
    app.setErrorHandler(pageErrorHandler(deps));
    await registerAssets(app);
    await app.register(signInPageRoutes(deps));
    await app.register(mailPageRoutes(deps));
  };
}
