/**
 * The overview of supplementary assignments (api/services/supplementary-overview.ts): per contract for both
 * its parties, and across a commissioner's contracts for its contract managers and managers. Signed in only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { supplementaryOverviewSchema } from '../schemas/supplementary-views';
import { commissionerSupplementaryOverview, contractSupplementaryOverview } from '../services/supplementary-overview';
import { contractParams } from './supplementary';

const tags = ['supplementary'];
const security = [{ bearerAuth: [] }];
const year = z.coerce.number().int().min(2000).max(2100).optional().describe('A budget year: the assignments whose period starts in it, and its flexible amount');

export function supplementaryOverviewRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.get(
      '/contracts/:contractId/supplementary-overview',
      {
        schema: {
          tags,
          security,
          summary: "A contract's supplementary assignments in numbers: by status, source and theme, side-steering per source, bundled and loose, regimes in force, flexible amounts, promotions (both parties)",
          params: contractParams,
          querystring: z.strictObject({ year }),
          response: { 200: supplementaryOverviewSchema },
        },
      },
      async (request) => contractSupplementaryOverview(deps, requirePrincipal(request), { ...request.params, ...request.query }),
    );

    app.get(
      '/overview/supplementary',
      {
        schema: {
          tags,
          security,
          summary:
            "Supplementary assignments in numbers across all contracts made for a commissioner: for its contract managers and managers (403 otherwise); without a commissioner, the one organisation whose overviews you read",
          querystring: z.strictObject({ commissioner: z.string().trim().min(1).max(200).optional(), year }),
          response: { 200: supplementaryOverviewSchema },
        },
      },
      async (request) => commissionerSupplementaryOverview(deps, requirePrincipal(request), request.query),
    );
  };
}
