/**
 * `GET /overview/unowned`: open tasks whose role nobody holds today (the role directory), on the
 * contracts and tenders of the principal's organisations, for their contract managers and managers.
 * Their reminders reach nobody until the organisation's administrator assigns the role.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { errorResponseSchema } from '../errors';
import { unownedOverview } from '../services/unowned';
import { roleSchema } from '../../domain/schemas/glossary';

const nullableString = z.string().nullable();
/** Signed in: an API token (bearer) or a session cookie. */
const security = [{ bearerAuth: [] }];

export const unownedOverviewSchema = z.object({
  asOf: z.string(),
  truncated: z.boolean(),
  tasks: z.array(
    z.object({
      id: z.string(),
      workflowId: z.string(),
      kind: z.string(),
      title: z.string(),
      dueDate: z.string(),
      overdue: z.boolean(),
      owner: z.object({ role: roleSchema, roleLabel: z.string(), organisation: z.string() }).describe('The role nobody holds today'),
      commissioner: nullableString,
      provider: nullableString,
      contract: z.object({ id: z.string(), lotId: nullableString, lotTitle: nullableString }).nullable(),
      tender: z.object({ id: z.string(), title: nullableString }).nullable(),
    }),
  ),
});

export function unownedRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/overview/unowned',
      {
        schema: {
          tags: ['overview'],
          security,
          summary: 'Open tasks whose role nobody holds today (unowned), soonest due first, on my organisations\' contracts and tenders',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
          response: { 200: unownedOverviewSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => unownedOverview(deps, requirePrincipal(request), request.query),
    );
  };
}
