/**
 * Tasks as a principal may see and complete them (api/routes/tasks.ts and the pages). A principal sees its
 * organisations' own tasks and every task on the contracts and tenders it commissions (domain/access.ts);
 * it completes a task as the task's role or as the manager of the task's organisation, as the workflow's
 * assertMayComplete allows.
 */
import { toIsoDate } from '../../domain/dates';
import type { Role, TaskStatus } from '../../domain/glossary';
import type { CompleteTaskRequest } from '../../domain/schemas/tender-actions';
import { Prisma } from '../../generated/prisma/client';
import { completeTaskUpdate } from '../../workflows/shared/complete-task';
import { actorFor } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { conflict } from '../errors';
import { taskSummary } from '../views';
import { visibleTasksSql } from './visibility';
import { visibleTask } from './visible-records';

export interface ListTasksInput {
  /** Only the tasks this organisation owns (among those the principal sees: another's give an empty list). */
  organisation?: string;
  role?: Role;
  status: TaskStatus;
  limit: number;
}

/** The tasks the principal sees, due soonest first. */
export async function listTasks({ prisma }: ApiDeps, principal: Principal, { organisation, role, status, limit }: ListTasksInput) {
  const conditions = [visibleTasksSql(principal), Prisma.sql`t."status" = ${status}`];
  if (organisation) conditions.push(Prisma.sql`t."organisation" = ${organisation}`);
  if (role) conditions.push(Prisma.sql`t."role" = ${role}`);
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "task" t WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}`;
  const rows = await prisma.task.findMany({ where: { id: { in: ids.map(({ id }) => id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const today = toIsoDate(new Date());
  return ids.flatMap(({ id }) => (byId.has(id) ? [taskSummary(byId.get(id)!, today)] : []));
}

/** One task (404 when the principal may not see it). */
export async function getTask(deps: ApiDeps, principal: Principal, { taskId }: { taskId: string }) {
  return taskSummary(await visibleTask(deps, principal, taskId), toIsoDate(new Date()));
}

/** Roles that may complete a task: its owner role, or the manager of its organisation. */
export function completingRoles(task: { role: string }): Role[] {
  return [task.role as Role, 'manager'];
}

/** Completes an open task as its role (or the manager) of its organisation; recorded by its workflow. */
export async function completeTask(deps: ApiDeps, principal: Principal, { taskId, ...completion }: CompleteTaskRequest & { taskId: string }) {
  const row = await visibleTask(deps, principal, taskId);
  if (row.status !== 'open') throw conflict(`Task ${taskId} is ${row.status}`);
  const by = actorFor(principal, row.organisation, completingRoles(row));
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(completeTaskUpdate, { args: [{ ...completion, taskId, by }] });
}
