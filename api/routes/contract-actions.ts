import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAccountabilityOutcomeRequestSchema } from '../../domain/schemas/accountability';
import { amendContractRequestSchema, decideTermEndRequestSchema, endContractEarlyRequestSchema } from '../../domain/schemas/contract-actions';
import { recordIndexationRateRequestSchema } from '../../domain/schemas/indexation';
import { recordMidtermDecisionRequestSchema, respondToRevisionRequestSchema } from '../../domain/schemas/midterm';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import {
  accountabilityOutcomeViewSchema,
  changeGroundAssessmentSchema,
  contractTermStateSchema,
  contractTimelineItemSchema,
  indexationYearSchema,
  midtermDecisionViewSchema,
  nextTenderDraftSchema,
  providerResponseViewSchema,
} from '../schemas/workflow-views';
import {
  amendContract,
  contractTimeline,
  decideTermEnd,
  endContractEarly,
  nextTenderDraft,
  recordAccountabilityOutcome,
  recordIndexationRate,
  recordMidtermDecision,
  respondToRevision,
} from '../services/contracts';

const tags = ['contracts'];
const security = [{ bearerAuth: [] }];
const contractParams = z.object({ contractId: z.string().min(1) });

/**
 * Actions on a running contract term and its child workflows (midterm review, accountability cycles),
 * as the role the principal holds in the party the action belongs to (api/services/contracts.ts).
 */
export function contractActionRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.get(
      '/contracts/:contractId/timeline',
      { schema: { tags, security, summary: 'The whole term on one list: done, open, overdue, planned', params: contractParams, response: { 200: z.array(contractTimelineItemSchema) } } },
      async (request) => contractTimeline(deps, requirePrincipal(request), request.params),
    );

    app.get(
      '/contracts/:contractId/next-tender',
      { schema: { tags, security, summary: "The next tender preparation prefilled from this contract, for the contract's commissioners: POST it to /tenders after review", params: contractParams, response: { 200: nextTenderDraftSchema } } },
      async (request) => nextTenderDraft(deps, requirePrincipal(request), request.params),
    );

    app.post(
      '/contracts/:contractId/end-decision',
      { schema: { tags, security, summary: 'Extend by an option or let the term end (before the notice deadline, VNG art. 1.3), as the college or the manager of the commissioner', params: contractParams, body: decideTermEndRequestSchema, response: { 200: contractTermStateSchema } } },
      async (request) => decideTermEnd(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/contracts/:contractId/indexation-rates',
      { schema: { tags, security, summary: "Record a calendar year's indexation rate: provisional before the year's budget, settled afterwards (nacalculatie); completes that year's indexation task", params: contractParams, body: recordIndexationRateRequestSchema, response: { 201: indexationYearSchema } } },
      async (request, reply) => reply.status(201).send(await recordIndexationRate(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.post(
      '/contracts/:contractId/amendments',
      { schema: { tags, security, summary: 'Record a written amendment (addendum) with its legal ground: Aw 2012 art. 2.163b (default), 2.163c (a change option of the contract) or 2.163d; what no ground covers needs a new procedure and is refused (400 naming the field and the article)', params: contractParams, body: amendContractRequestSchema, response: { 201: changeGroundAssessmentSchema } } },
      async (request, reply) => reply.status(201).send(await amendContract(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.post(
      '/contracts/:contractId/early-end',
      { schema: { tags, security, summary: "End the contract before its end date, by a party the contract's option allows and after its notice (VNG art. 1.3.4); the other party gets a letter", params: contractParams, body: endContractEarlyRequestSchema, response: { 200: contractTermStateSchema } } },
      async (request) => endContractEarly(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/contracts/:contractId/midterm-review/decision',
      { schema: { tags, security, summary: 'Record the midterm review decision: continue, revise (addendum with its legal ground, Aw 2012 art. 2.163b-d) or end (VNG art. 1.3.4)', params: contractParams, body: recordMidtermDecisionRequestSchema, response: { 200: midtermDecisionViewSchema } } },
      async (request) => recordMidtermDecision(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/contracts/:contractId/midterm-review/response',
      { schema: { tags, security, summary: "The provider's response to a revision: a refusal ends the contract on the day the change would take effect (VNG art. 1.4.2)", params: contractParams, body: respondToRevisionRequestSchema, response: { 200: providerResponseViewSchema } } },
      async (request) => respondToRevision(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/contracts/:contractId/accountability/:period/outcome',
      { schema: { tags, security, summary: 'Record the outcome of an accountability conversation: figures, stories, agreements, follow-ups', params: contractParams.extend({ period: z.coerce.number().int().min(1) }), body: recordAccountabilityOutcomeRequestSchema, response: { 200: accountabilityOutcomeViewSchema } } },
      async (request) => recordAccountabilityOutcome(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );
  };
}
