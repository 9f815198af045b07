import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contractStateQuery } from '../../workflows/contract-term/contract-definitions';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { contractSummary, contractSummarySchema } from '../views';

const tags = ['contracts'];

export function contractRoutes({ prisma, temporal }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/contracts',
      { schema: { tags, summary: 'Contracts, filtered by provider or commissioner', querystring: z.object({ provider: z.string().min(1).optional(), commissioner: z.string().min(1).optional() }), response: { 200: z.array(contractSummarySchema) } } },
      async (request) => {
        const { provider, commissioner } = request.query;
        const rows = await prisma.contract.findMany({
          where: { ...(provider ? { provider } : {}), ...(commissioner ? { commissioner } : {}) },
          orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        });
        return rows.map(contractSummary);
      },
    );

    app.get('/contracts/:contractId', { schema: { tags, summary: 'A contract and the state of its term workflow', params: z.object({ contractId: z.string().min(1) }), response: { 200: contractSummarySchema.extend({ term: z.unknown().describe("The term workflow's state (contractStateQuery)") }) } } }, async (request) => {
      const row = await prisma.contract.findUnique({ where: { id: request.params.contractId } });
      if (!row) throw notFound(`No contract ${request.params.contractId}`);
      const term = await temporal.workflow.getHandle(row.workflowId).query(contractStateQuery);
      return { ...contractSummary(row), term };
    });
  };
}
