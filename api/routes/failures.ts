/**
 * The managers' failures overview (api/services/failures.ts): what the workflows recorded instead of
 * failing, on the contracts and tenders of the principal's organisations. Signed in only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { FAILURE_TYPES, failuresOverview } from '../services/failures';

export { FAILURE_TYPES, failuresQuery, type FailureFilters, type FailureType } from '../services/failures';

const tags = ['tasks'];
const security = [{ bearerAuth: [] }];

const identifier = z.string().trim().min(1).max(200);

export const failureFiltersSchema = z.strictObject({
  type: z.enum(FAILURE_TYPES).optional(),
  tenderId: identifier.optional(),
  contractId: identifier.optional(),
  commissioner: identifier.optional().describe('The commissioner of the contract, or the lead organisation of the tender'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const nullableString = z.string().nullable();
export const failuresOverviewSchema = z.object({
  filters: z.object({ type: z.enum(FAILURE_TYPES).nullable(), tenderId: nullableString, contractId: nullableString, commissioner: nullableString }),
  truncated: z.boolean().describe('More failures match than the limit shows'),
  failures: z.array(
    z.object({
      id: z.string(),
      type: z.enum(FAILURE_TYPES),
      title: z.string().describe('What happened, for the manager (Dutch)'),
      workflowId: z.string(),
      tender: z.object({ id: z.string(), title: nullableString }).nullable(),
      contract: z
        .object({ id: z.string(), lotId: nullableString, lotTitle: nullableString, commissioner: nullableString, provider: nullableString })
        .nullable()
        .describe('Null fields when the contract row itself is missing (record.failed)'),
      error: z.string(),
      occurredAt: z.string(),
      details: z.record(z.string(), z.unknown()).describe("The event's data: for record.failed the activity, the record's id and the event it was meant to record"),
    }),
  ),
});

export function failureRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.get(
      '/overview/failures',
      {
        schema: {
          tags,
          security,
          summary:
            "Failures the workflows recorded and went on past, on your organisations' contracts and tenders, newest first: notifications refused for good, records that do not exist, background work that failed. Someone must act on each (contract managers and managers)",
          querystring: failureFiltersSchema,
          response: { 200: failuresOverviewSchema },
        },
      },
      async (request) => failuresOverview(deps, requirePrincipal(request), request.query),
    );
  };
}
