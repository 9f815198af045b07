import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeTaskRequestSchema } from '../../domain/schemas/tender-actions';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { completeTask, getTask, listTasks } from '../services/tasks';
import { taskSummarySchema } from '../views';
import { roleSchema, taskStatusSchema } from '../../domain/schemas/glossary';

const tags = ['tasks'];
const security = [{ bearerAuth: [] }];
const taskParams = z.object({ taskId: z.string().min(1) });

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

/** Tasks as the principal sees them (api/services/tasks.ts); signed in only. */
export function taskRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.get(
      '/tasks',
      {
        schema: {
          tags,
          security,
          summary: "Tasks you see, due soonest first: your organisations' own, and every task on the contracts and tenders they commission (a provider sees only its own)",
          querystring: z.object({
            organisation: z.string().min(1).optional().describe('The owning organisation; one whose tasks you do not see gives an empty list'),
            role: roleSchema.optional(),
            status: taskStatusSchema.default('open'),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: { 200: z.array(taskSummarySchema) },
        },
      },
      async (request) => listTasks(deps, requirePrincipal(request), request.query),
    );

    app.get(
      '/tasks/:taskId',
      { schema: { tags, security, summary: 'One task (404 unless you see it)', params: taskParams, response: { 200: taskSummarySchema } } },
      async (request) => getTask(deps, requirePrincipal(request), request.params),
    );

    app.post(
      '/tasks/:taskId/complete',
      {
        schema: {
          tags,
          security,
          summary: "Complete a task as its role (or its organisation's manager): outcome, optional note; recorded by its workflow",
          params: taskParams,
          body: completeTaskRequestSchema,
          response: { 200: completedTaskSchema },
        },
      },
      async (request) => completeTask(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );
  };
}

