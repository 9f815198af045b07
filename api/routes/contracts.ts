import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { getContract, listContracts } from '../services/contracts';
import { contractSummarySchema } from '../views';

const tags = ['contracts'];
const security = [{ bearerAuth: [] }];

/** Contracts, for their provider and the organisations they were made for (api/services/contracts.ts); signed in only. */
export function contractRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.get(
      '/contracts',
      {
        schema: {
          tags,
          security,
          summary: 'The contracts you see (as their provider, or made for your organisation), filtered by provider or commissioner; another organisation gives an empty list',
          querystring: z.object({ provider: z.string().min(1).optional(), commissioner: z.string().min(1).optional() }),
          response: { 200: z.array(contractSummarySchema) },
        },
      },
      async (request) => listContracts(deps, requirePrincipal(request), request.query),
    );

    app.get(
      '/contracts/:contractId',
      {
        schema: {
          tags,
          security,
          summary: 'A contract and the state of its term workflow (404 unless you see it)',
          params: z.object({ contractId: z.string().min(1) }),
          response: { 200: contractSummarySchema.extend({ term: z.unknown().describe("The term workflow's state (contractStateQuery)") }) },
        },
      },
      async (request) => getContract(deps, requirePrincipal(request), request.params),
    );
  };
}
