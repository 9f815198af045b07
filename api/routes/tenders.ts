import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelTenderRequestSchema,
  registerAwardRequestSchema,
  registerObjectionRequestSchema,
  resolveObjectionRequestSchema,
  shiftDeadlineRequestSchema,
} from '../../domain/schemas/tender-actions';
import { tenderLaunchRequestSchema } from '../../domain/schemas/tender-launch';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { awardViewSchema, objectionViewSchema, tenderTimelineSchema } from '../schemas/workflow-views';
import { cancelTender, getTender, launchTender, listTenders, registerAward, registerObjection, resolveObjection, shiftDeadline } from '../services/tenders';
import { tenderSummarySchema } from '../views';

const tenderParams = z.object({ tenderId: z.uuid() });
const tags = ['tenders'];
const security = [{ bearerAuth: [] }];

/** Tenders, for the organisations that lead or commission them (api/services/tenders.ts); signed in only. */
export function tenderRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.post(
      '/tenders',
      { schema: { tags, security, summary: 'Launch a tender preparation, as a procurement officer or manager of its lead organisation', body: tenderLaunchRequestSchema, response: { 201: z.object({ id: z.uuid(), workflowId: z.string(), timeline: tenderTimelineSchema }) } } },
      async (request, reply) => {
        const launched = await launchTender(deps, requirePrincipal(request), request.body);
        return reply.status(201).header('location', `/tenders/${launched.id}`).send(launched);
      },
    );

    app.get(
      '/tenders',
      {
        schema: {
          tags,
          security,
          summary: 'The tenders your organisations lead or commission, newest first',
          querystring: z.object({
            status: z.enum(['active', 'cancelled', 'completed']).optional(),
            organisation: z.string().min(1).optional().describe("The lead organisation; another organisation's tenders give an empty list"),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.array(tenderSummarySchema) },
        },
      },
      async (request) => listTenders(deps, requirePrincipal(request), request.query),
    );

    app.get(
      '/tenders/:tenderId',
      { schema: { tags, security, summary: 'A tender with its timeline (404 unless your organisation leads or commissions it)', params: tenderParams, response: { 200: tenderSummarySchema.extend({ timeline: tenderTimelineSchema }) } } },
      async (request) => getTender(deps, requirePrincipal(request), request.params),
    );

    app.post(
      '/tenders/:tenderId/award',
      { schema: { tags, security, summary: 'Register the award decision (per lot a provider and a value); the standstill period starts', params: tenderParams, body: registerAwardRequestSchema, response: { 200: awardViewSchema } } },
      async (request) => registerAward(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/tenders/:tenderId/objections',
      { schema: { tags, security, summary: 'Register an objection received during the standstill period; it holds the award', params: tenderParams, body: registerObjectionRequestSchema, response: { 201: objectionViewSchema } } },
      async (request, reply) => reply.status(201).send(await registerObjection(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.post(
      '/tenders/:tenderId/objections/:objectionId/resolve',
      { schema: { tags, security, summary: 'Resolve an objection: rejected, withdrawn or upheld (an upheld objection withdraws the award)', params: tenderParams.extend({ objectionId: z.uuid() }), body: resolveObjectionRequestSchema, response: { 200: objectionViewSchema } } },
      async (request) => resolveObjection(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/tenders/:tenderId/shift',
      { schema: { tags, security, summary: 'Shift a milestone; later milestones move as far as their minimums require', params: tenderParams, body: shiftDeadlineRequestSchema, response: { 200: tenderTimelineSchema } } },
      async (request) => shiftDeadline(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/tenders/:tenderId/cancel',
      { schema: { tags, security, summary: 'Cancel the tender with a reason; open tasks and reminders stop', params: tenderParams, body: cancelTenderRequestSchema, response: { 200: tenderTimelineSchema } } },
      async (request) => cancelTender(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );
  };
}
