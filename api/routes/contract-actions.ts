import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAccountabilityOutcomeSchema } from '../../domain/schemas/accountability';
import { amendContractSchema, decideTermEndSchema, endContractEarlySchema } from '../../domain/schemas/contract-actions';
import { recordIndexationRateSchema } from '../../domain/schemas/indexation';
import { recordMidtermDecisionSchema, respondToRevisionSchema } from '../../domain/schemas/midterm';
import { accountabilityWorkflowId, recordAccountabilityOutcomeUpdate } from '../../workflows/accountability-cycle/accountability-definitions';
import { amendContractUpdate, contractTimelineQuery, decideTermEndUpdate, endContractEarlyUpdate, nextTenderDraftQuery, recordIndexationRateUpdate } from '../../workflows/contract-term/contract-definitions';
import { midtermReviewWorkflowId, recordMidtermDecisionUpdate, respondToRevisionUpdate } from '../../workflows/midterm-review/midterm-definitions';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
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

const tags = ['contracts'];
const contractParams = z.object({ contractId: z.string().min(1) });

/** Actions on a running contract term and its child workflows (midterm review, accountability cycles). */
export function contractActionRoutes({ prisma, temporal }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    async function contract(contractId: string, { active }: { active: boolean }) {
      const row = await prisma.contract.findUnique({ where: { id: contractId } });
      if (!row) throw notFound(`No contract ${contractId}`);
      if (active && row.status === 'ended') throw conflict(`Contract ${contractId} has ended`);
      return row;
    }

    app.get('/contracts/:contractId/timeline', { schema: { tags, summary: 'The whole term on one list: done, open, overdue, planned', params: contractParams, response: { 200: z.array(contractTimelineItemSchema) } } }, async (request) => {
      const row = await contract(request.params.contractId, { active: false });
      return temporal.workflow.getHandle(row.workflowId).query(contractTimelineQuery);
    });

    app.get('/contracts/:contractId/next-tender', { schema: { tags, summary: 'The next tender preparation prefilled from this contract: POST it to /tenders with launchedBy after review', params: contractParams, response: { 200: nextTenderDraftSchema } } }, async (request) => {
      const row = await contract(request.params.contractId, { active: false });
      return temporal.workflow.getHandle(row.workflowId).query(nextTenderDraftQuery);
    });

    app.post('/contracts/:contractId/end-decision', { schema: { tags, summary: 'Extend by an option or let the term end (before the notice deadline, VNG art. 1.3)', params: contractParams, body: decideTermEndSchema, response: { 200: contractTermStateSchema } } }, async (request) => {
      const row = await contract(request.params.contractId, { active: true });
      return temporal.workflow.getHandle(row.workflowId).executeUpdate(decideTermEndUpdate, { args: [request.body] });
    });

    app.post('/contracts/:contractId/indexation-rates', { schema: { tags, summary: "Record a calendar year's indexation rate: provisional before the year's budget, settled afterwards (nacalculatie); completes that year's indexation task", params: contractParams, body: recordIndexationRateSchema, response: { 201: indexationYearSchema } } }, async (request, reply) => {
      const row = await contract(request.params.contractId, { active: true });
      return reply.status(201).send(await temporal.workflow.getHandle(row.workflowId).executeUpdate(recordIndexationRateUpdate, { args: [request.body] }));
    });

    app.post('/contracts/:contractId/amendments', { schema: { tags, summary: 'Record a written amendment (addendum) with its legal ground: Aw 2012 art. 2.163b (default), 2.163c (a change option of the contract) or 2.163d; what no ground covers needs a new procedure and is refused (400 naming the field and the article)', params: contractParams, body: amendContractSchema, response: { 201: changeGroundAssessmentSchema } } }, async (request, reply) => {
      const row = await contract(request.params.contractId, { active: true });
      return reply.status(201).send(await temporal.workflow.getHandle(row.workflowId).executeUpdate(amendContractUpdate, { args: [request.body] }));
    });

    app.post('/contracts/:contractId/early-end', { schema: { tags, summary: "End the contract before its end date, by a party the contract's option allows and after its notice (VNG art. 1.3.4); the other party gets a letter", params: contractParams, body: endContractEarlySchema, response: { 200: contractTermStateSchema } } }, async (request) => {
      const row = await contract(request.params.contractId, { active: true });
      return temporal.workflow.getHandle(row.workflowId).executeUpdate(endContractEarlyUpdate, { args: [request.body] });
    });

    app.post('/contracts/:contractId/midterm-review/decision', { schema: { tags, summary: 'Record the midterm review decision: continue, revise (addendum with its legal ground, Aw 2012 art. 2.163b-d) or end (VNG art. 1.3.4)', params: contractParams, body: recordMidtermDecisionSchema, response: { 200: midtermDecisionViewSchema } } }, async (request) => {
      await contract(request.params.contractId, { active: true });
      return temporal.workflow.getHandle(midtermReviewWorkflowId(request.params.contractId)).executeUpdate(recordMidtermDecisionUpdate, { args: [request.body] });
    });

    app.post('/contracts/:contractId/midterm-review/response', { schema: { tags, summary: "The provider's response to a revision: a refusal ends the contract on the day the change would take effect (VNG art. 1.4.2)", params: contractParams, body: respondToRevisionSchema, response: { 200: providerResponseViewSchema } } }, async (request) => {
      await contract(request.params.contractId, { active: true });
      return temporal.workflow.getHandle(midtermReviewWorkflowId(request.params.contractId)).executeUpdate(respondToRevisionUpdate, { args: [request.body] });
    });

    app.post(
      '/contracts/:contractId/accountability/:period/outcome',
      { schema: { tags, summary: 'Record the outcome of an accountability conversation: figures, stories, agreements, follow-ups', params: contractParams.extend({ period: z.coerce.number().int().min(1) }), body: recordAccountabilityOutcomeSchema, response: { 200: accountabilityOutcomeViewSchema } } },
      async (request) => {
        await contract(request.params.contractId, { active: false });
        const handle = temporal.workflow.getHandle(accountabilityWorkflowId(request.params.contractId, request.params.period));
        return handle.executeUpdate(recordAccountabilityOutcomeUpdate, { args: [request.body] });
      },
    );
  };
}
