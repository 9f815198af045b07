import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toIsoDate } from '../../domain/dates';
import { roleSchema, taskStatusSchema } from '../../domain/glossary';
import { completeTaskSchema } from '../../domain/schemas/tender-actions';
import { completeTaskUpdate } from '../../workflows/shared/complete-task';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { taskSummary, taskSummarySchema } from '../views';

const tags = ['tasks'];

/** The task as its workflow shows it after completion (SupervisedTaskView). */
const completedTaskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  role: z.string(),
  organisation: z.string(),
  dueDate: z.string(),
  status: z.string(),
  lotId: z.string().optional(),
  escalatedAt: z.string().optional(),
  completedAt: z.string().optional(),
  completedBy: z.object({ role: z.string(), organisation: z.string(), name: z.string().optional() }).optional(),
  outcome: z.string().optional(),
  note: z.string().optional(),
});

export function taskRoutes({ prisma, temporal }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tasks',
      {
        schema: {
          tags,
          summary: "An organisation's tasks, due soonest first (a provider sees only its own)",
          querystring: z.object({
            organisation: z.string().min(1),
            role: roleSchema.optional(),
            status: taskStatusSchema.default('open'),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: { 200: z.array(taskSummarySchema) },
        },
      },
      async (request) => {
        const { organisation, role, status, limit } = request.query;
        const rows = await prisma.task.findMany({
          where: { organisation, status, ...(role ? { role } : {}) },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
          take: limit,
        });
        const today = toIsoDate(new Date());
        return rows.map((row) => taskSummary(row, today));
      },
    );

    app.post(
      '/tasks/:taskId/complete',
      { schema: { tags, summary: 'Complete a task (who, outcome, optional note); recorded by its workflow', params: z.object({ taskId: z.string().min(1) }), body: completeTaskSchema.omit({ taskId: true }), response: { 200: completedTaskSchema } } },
      async (request) => {
        const { taskId } = request.params;
        const row = await prisma.task.findUnique({ where: { id: taskId } });
        if (!row) throw notFound(`No task ${taskId}`);
        if (row.status !== 'open') throw conflict(`Task ${taskId} is ${row.status}`);
        const handle = temporal.workflow.getHandle(row.workflowId);
        return handle.executeUpdate(completeTaskUpdate, { args: [{ ...request.body, taskId }] });
      },
    );
  };
}
