import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toIsoDate } from '../../domain/dates';
import {
  cancelTenderSchema,
  registerAwardSchema,
  registerObjectionSchema,
  resolveObjectionSchema,
  shiftDeadlineSchema,
} from '../../domain/schemas/tender-actions';
import { tenderLaunchSchema } from '../../domain/schemas/tender-launch';
import { assertProcurementRoute, planTender } from '../../domain/tender-plan';
import type { tenderPreparationWorkflow } from '../../workflows/tender/tender-preparation';
import {
  cancelTenderUpdate,
  launchRecordedUpdate,
  registerAwardUpdate,
  registerObjectionUpdate,
  resolveObjectionUpdate,
  shiftDeadlineUpdate,
  tenderTimelineQuery,
  tenderWorkflowId,
} from '../../workflows/tender/tender-definitions';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { awardViewSchema, objectionViewSchema, tenderTimelineSchema } from '../schemas/workflow-views';
import { tenderSummary, tenderSummarySchema } from '../views';

const tenderParams = z.object({ tenderId: z.uuid() });
const tags = ['tenders'];

export function tenderRoutes({ prisma, temporal, taskQueue }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    /** The workflow of a recorded tender (404 when there is none). */
    async function tenderHandle(tenderId: string) {
      const row = await prisma.tender.findUnique({ where: { id: tenderId } });
      if (!row) throw notFound(`No tender ${tenderId}`);
      return { row, handle: temporal.workflow.getHandle(row.workflowId) };
    }

    /** The workflow of a tender that still takes actions (409 once it is cancelled or completed). */
    async function activeTenderHandle(tenderId: string) {
      const found = await tenderHandle(tenderId);
      if (found.row.status !== 'active') throw conflict(`Tender ${tenderId} is ${found.row.status}`);
      return found;
    }

    app.post('/tenders', { schema: { tags, summary: 'Launch a tender preparation', body: tenderLaunchSchema, response: { 201: z.object({ id: z.uuid(), workflowId: z.string(), timeline: tenderTimelineSchema }) } } }, async (request, reply) => {
      const launch = request.body;
      // Refuse a start date that cannot fit, or a national route above the EU threshold, before anything starts (the workflow checks again).
      const plan = planTender({ ...launch, today: toIsoDate(new Date()) });
      assertProcurementRoute({ ...launch, noticeDate: plan.milestones.find((m) => m.key === 'publication')!.dueDate });
      const tenderId = randomUUID();
      const handle = await temporal.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
        taskQueue,
        workflowId: tenderWorkflowId(tenderId),
        args: [{ tenderId, launch }],
      });
      const timeline = await handle.executeUpdate(launchRecordedUpdate);
      return reply.status(201).header('location', `/tenders/${tenderId}`).send({ id: tenderId, workflowId: handle.workflowId, timeline });
    });

    app.get(
      '/tenders',
      {
        schema: {
          tags,
          summary: 'List tenders, newest first',
          querystring: z.object({
            status: z.enum(['active', 'cancelled', 'completed']).optional(),
            organisation: z.string().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.array(tenderSummarySchema) },
        },
      },
      async (request) => {
        const { status, organisation, limit } = request.query;
        const rows = await prisma.tender.findMany({
          where: { ...(status ? { status } : {}), ...(organisation ? { leadOrganisation: organisation } : {}) },
          orderBy: { launchedAt: 'desc' },
          take: limit,
        });
        return rows.map(tenderSummary);
      },
    );

    app.get('/tenders/:tenderId', { schema: { tags, summary: 'A tender with its timeline', params: tenderParams, response: { 200: tenderSummarySchema.extend({ timeline: tenderTimelineSchema }) } } }, async (request) => {
      const { row, handle } = await tenderHandle(request.params.tenderId);
      return { ...tenderSummary(row), timeline: await handle.query(tenderTimelineQuery) };
    });

    app.post('/tenders/:tenderId/award', { schema: { tags, summary: 'Register the award decision (per lot a provider and a value); the standstill period starts', params: tenderParams, body: registerAwardSchema, response: { 200: awardViewSchema } } }, async (request) => {
      const { handle } = await activeTenderHandle(request.params.tenderId);
      return handle.executeUpdate(registerAwardUpdate, { args: [request.body] });
    });

    app.post('/tenders/:tenderId/objections', { schema: { tags, summary: 'Register an objection during the standstill period; it holds the award', params: tenderParams, body: registerObjectionSchema, response: { 201: objectionViewSchema } } }, async (request, reply) => {
      const { handle } = await activeTenderHandle(request.params.tenderId);
      return reply.status(201).send(await handle.executeUpdate(registerObjectionUpdate, { args: [request.body] }));
    });

    app.post(
      '/tenders/:tenderId/objections/:objectionId/resolve',
      { schema: { tags, summary: 'Resolve an objection: rejected, withdrawn or upheld (an upheld objection withdraws the award)', params: tenderParams.extend({ objectionId: z.uuid() }), body: resolveObjectionSchema.omit({ objectionId: true }), response: { 200: objectionViewSchema } } },
      async (request) => {
        const { handle } = await activeTenderHandle(request.params.tenderId);
        return handle.executeUpdate(resolveObjectionUpdate, { args: [{ ...request.body, objectionId: request.params.objectionId }] });
      },
    );

    app.post('/tenders/:tenderId/shift', { schema: { tags, summary: 'Shift a milestone; later milestones move as far as their minimums require', params: tenderParams, body: shiftDeadlineSchema, response: { 200: tenderTimelineSchema } } }, async (request) => {
      const { handle } = await activeTenderHandle(request.params.tenderId);
      return handle.executeUpdate(shiftDeadlineUpdate, { args: [request.body] });
    });

    app.post('/tenders/:tenderId/cancel', { schema: { tags, summary: 'Cancel the tender with a reason; open tasks and reminders stop', params: tenderParams, body: cancelTenderSchema, response: { 200: tenderTimelineSchema } } }, async (request) => {
      const { handle } = await activeTenderHandle(request.params.tenderId);
      return handle.executeUpdate(cancelTenderUpdate, { args: [request.body] });
    });
  };
}
