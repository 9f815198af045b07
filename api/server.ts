import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { installAuthentication } from './auth/authenticate';
import type { ApiDeps } from './deps';
import { errorHandler } from './errors';
import { installRequestGuards } from './request-guards';
import { apiTokenRoutes } from './routes/api-tokens';
import { authRoutes } from './routes/auth';
import { oidcRoutes } from './auth/oidc-routes';
import { calendarRoutes } from './routes/calendar';
import { contractActionRoutes } from './routes/contract-actions';
import { contractRoutes } from './routes/contracts';
import { directoryRoutes } from './routes/directory';
import { failureRoutes } from './routes/failures';
import { mailRoutes } from './routes/mail';
import { overviewRoutes } from './routes/overview';
import { supplementaryRoutes } from './routes/supplementary';
import { supplementaryBudgetRoutes } from './routes/supplementary-budget';
import { supplementaryOverviewRoutes } from './routes/supplementary-overview';
import { taskRoutes } from './routes/tasks';
import { tenderRoutes } from './routes/tenders';
import { unownedRoutes } from './routes/unowned';
import { webPages } from '../web/plugin';

export type { ApiDeps } from './deps';

/** How long a request waits for Temporal (a start, a query, an Update and the activities it awaits) before 504. */
export const DEFAULT_TEMPORAL_DEADLINE_MS = 15_000;

/** The HTTP JSON API: schema-validated (zod), OpenAPI at /openapi.json, docs at /docs. */
export async function buildApi(deps: ApiDeps, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: (process.env.LOG_LEVEL ?? 'info').toLowerCase() }, ...options }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  installRequestGuards(app, deps.temporal, deps.temporalDeadlineMs ?? DEFAULT_TEMPORAL_DEADLINE_MS);
  await installAuthentication(app, deps.prisma, { publicUrl: deps.publicUrl, readCache: deps.readCache });

  await app.register(swagger, {
    openapi: {
      info: { title: 'regie', description: 'Long-lived social-domain contracts as durable workflows', version: '0.1.0' },
      tags: [{ name: 'tenders' }, { name: 'tasks' }, { name: 'contracts' }, { name: 'mail' }, { name: 'directory' }, { name: 'calendar' }, { name: 'auth' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: "An organisation's API token (regie_api_…)" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  await app.register(authRoutes(deps));
  await app.register(oidcRoutes(deps));
  await app.register(apiTokenRoutes(deps));
  await app.register(tenderRoutes(deps));
  await app.register(taskRoutes(deps));
  await app.register(contractRoutes(deps));
  await app.register(contractActionRoutes(deps));
  await app.register(supplementaryRoutes(deps));
  await app.register(supplementaryBudgetRoutes(deps));
  await app.register(supplementaryOverviewRoutes(deps));
  await app.register(mailRoutes(deps));
  await app.register(overviewRoutes(deps));
  await app.register(failureRoutes(deps));
  await app.register(directoryRoutes(deps));
  await app.register(unownedRoutes(deps));
  await app.register(calendarRoutes(deps));
  await app.register(webPages(deps));
  return app;
}
