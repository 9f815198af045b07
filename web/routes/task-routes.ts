/**
 * A person's own tasks (the tasks of the roles they hold, across contracts and tenders) and one task with
 * its completion form. Through api/services/tasks.ts and overview.ts, with their access rules.
 */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsRole, type Principal } from '../../api/auth/principal';
import type { ApiDeps } from '../../api/deps';
import { toHttpError } from '../../api/errors';
import { providerTasks } from '../../api/services/overview';
import { foldedAssignmentsOf } from '../../api/services/supplementary-reporting';
import { completeTask, completingRoles, getTask, listTasks } from '../../api/services/tasks';
import { visibleContract } from '../../api/services/visible-records';
import { providerRoles, type Role } from '../../domain/glossary';
import { kpiSchema, type Kpi } from '../../domain/schemas/contract-terms';
import { formBodySchema } from '../forms/form-body';
import { fieldErrorsOfFailure } from '../forms/service-failure';
import { parseCompletionForm, parseReportForm } from '../forms/task-forms';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { type MyTaskRow, MyTasksPage, TaskPage } from '../pages/task-pages';
import { sendPage } from '../render';

const PAGE_SIZE = 50;
const MAX_SHOWN = 500;
const taskParams = z.object({ taskId: z.string().min(1).max(300) });

async function providerRows(deps: ApiDeps, principal: Principal, organisation: string, limit: number): Promise<MyTaskRow[]> {
  try {
    const { tasks } = await providerTasks(deps, principal, { organisation, limit });
    return tasks.map((task) => ({ ...task, organisation, context: { href: `/contracten/${encodeURIComponent(task.contract.id)}`, label: `${task.contract.lotTitle} (${task.contract.commissioner})` } }));
  } catch (error) {
    if (toHttpError(error).statusCode === 404) return []; // a provider without contracts has no tasks
    throw error;
  }
}

/** The open tasks of the roles the principal holds, due soonest first (at most `limit`, plus whether there are more). */
async function myTasks(deps: ApiDeps, principal: Principal, limit: number): Promise<{ rows: MyTaskRow[]; more: boolean }> {
  const isProviderRole = (role: Role) => (providerRoles as readonly Role[]).includes(role);
  const providerOrganisations = [...new Set(principal.holdings.filter((h) => isProviderRole(h.role)).map((h) => h.organisation))];
  const commissionerHoldings = principal.holdings.filter((h) => !isProviderRole(h.role) && h.role !== 'administrator');
  const lists = await Promise.all([
    ...providerOrganisations.map((organisation) => providerRows(deps, principal, organisation, limit + 1)),
    ...commissionerHoldings.map(async ({ organisation, role }) =>
      (await listTasks(deps, principal, { organisation, role, status: 'open', limit: limit + 1 })).map((task): MyTaskRow => ({
        ...task,
        context: task.contractId ? { href: `/contracten/${encodeURIComponent(task.contractId)}`, label: task.contractId } : task.tenderId ? { href: `/aanbestedingen/${encodeURIComponent(task.tenderId)}`, label: task.tenderId } : undefined,
      })),
    ),
  ]);
  const byId = new Map(lists.flat().map((row) => [row.id, row]));
  const rows = [...byId.values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

async function kpisOfTask(deps: ApiDeps, principal: Principal, task: { kind: string; contractId: string | null }): Promise<Kpi[] | undefined> {
  if (task.kind !== 'accountabilityReport' || !task.contractId) return undefined;
  const contract = await visibleContract(deps, principal, task.contractId);
  return z.object({ kpis: z.array(kpiSchema).catch([]).default([]) }).parse(contract.terms ?? {}).kpis;
}

export function taskPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mijn-taken',
      { schema: { hide: true, querystring: z.object({ aantal: z.coerce.number().int().min(1).max(MAX_SHOWN).default(PAGE_SIZE), afgerond: z.literal('1').optional() }) } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const { aantal } = request.query;
        const { rows, more } = await myTasks(deps, principal, aantal);
        const next = more && aantal < MAX_SHOWN ? `/mijn-taken?aantal=${Math.min(MAX_SHOWN, aantal + PAGE_SIZE)}` : undefined;
        return sendPage(reply, pageContextOf(deps, request, reply), createElement(MyTasksPage, { tasks: rows, completed: request.query.afgerond === '1', more: next }));
      },
    );

    app.get('/taken/:taskId', { schema: { hide: true, params: taskParams } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const task = await getTask(deps, principal, { taskId: request.params.taskId });
      const kpis = await kpisOfTask(deps, principal, task);
      const foldedAssignments = await foldedAssignmentsOf(deps, task);
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(TaskPage, { task, kpis, foldedAssignments, mayComplete: holdsRole(principal, task.organisation, completingRoles(task)) }));
    });

    app.post('/taken/:taskId', { schema: { hide: true, params: taskParams, body: formBodySchema } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const context = pageContextOf(deps, request, reply);
      const task = await getTask(deps, principal, { taskId: request.params.taskId });
      const kpis = await kpisOfTask(deps, principal, task);
      const parsed = kpis ? parseReportForm(request.body, kpis, context.t) : parseCompletionForm(request.body, context.locale);
      let errors = parsed.ok ? {} : parsed.errors;
      if (parsed.ok) {
        try {
          await completeTask(deps, principal, { ...parsed.request, taskId: task.id });
          return reply.redirect('/mijn-taken?afgerond=1', 303);
        } catch (error) {
          errors = fieldErrorsOfFailure(error, (apiField) => (apiField.startsWith('note') ? (kpis ? 'summary' : 'note') : kpis ? 'summary' : 'outcome'), kpis ? 'summary' : 'outcome');
        }
      }
      return sendPage(reply, context, createElement(TaskPage, { task, kpis, foldedAssignments: await foldedAssignmentsOf(deps, task), mayComplete: true, errors, values: parsed.values }), 400);
    });
  };
}
