/**
 * The web pages every role uses, rendered on the server (React to HTML, no client-side JavaScript), on
 * the same services and access rules as the API. Registered by api/server.ts.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../api/deps';
import { cookiesAreSecure, DEFAULT_PUBLIC_URL } from '../api/auth/sign-in-settings';
import { registerAssets } from './assets';
import { pageErrorHandler } from './error-handler';
import { installSecurityHeaders } from './security-headers';
import { calendarPageRoutes } from './routes/calendar-routes';
import { contractPageRoutes } from './routes/contract-routes';
import { mailPageRoutes } from './routes/mail-routes';
import { overviewPageRoutes } from './routes/overview-routes';
import { rolesPageRoutes } from './routes/roles-routes';
import { signInPageRoutes } from './routes/sign-in-routes';
import { supplementaryPageRoutes } from './routes/supplementary-routes';
import { taskPageRoutes } from './routes/task-routes';
import { tenderPageRoutes } from './routes/tender-routes';
import { unknownPageRoutes } from './routes/unknown-page-routes';

export function webPages(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
    app.setErrorHandler(pageErrorHandler(deps));
    installSecurityHeaders(app, { https: cookiesAreSecure(deps.publicUrl ?? DEFAULT_PUBLIC_URL) });
    await registerAssets(app);
    await app.register(signInPageRoutes(deps));
    await app.register(mailPageRoutes(deps));
    await app.register(tenderPageRoutes(deps));
    await app.register(taskPageRoutes(deps));
    await app.register(overviewPageRoutes(deps));
    await app.register(contractPageRoutes(deps));
    await app.register(supplementaryPageRoutes(deps));
    await app.register(rolesPageRoutes(deps));
    await app.register(calendarPageRoutes(deps));
    await app.register(unknownPageRoutes(deps));
  };
}
