/**
 * Tasks as a principal may see and complete them (api/routes/tasks.ts and the pages). A principal sees its
 * organisations' own tasks and every task on the contracts and tenders it commissions (domain/access.ts);
 * it completes a task as the task's role or as the manager of the task's organisation, as the workflow's
 * assertMayComplete allows.
 */
import { toIsoDate } from '../../domain/dates';
import { type Role, roles, type TaskStatus } from '../../domain/glossary';
import type { CompleteTaskRequest } from '../../domain/schemas/tender-actions';
import { Prisma } from '../../generated/prisma/client';
import { completeTaskUpdate } from '../../workflows/shared/complete-task';
import { actorFor } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { conflict } from '../errors';
import { taskSummary } from '../views';
import { readingOrganisations } from '../../domain/access';
import { audiencesSql } from './overview-queries';
import { tenderIdsSeenBySql } from './visibility';
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
  const filters: Prisma.Sql[] = [];
  if (organisation) filters.push(Prisma.sql`t."organisation" = ${organisation}`);
  if (role) filters.push(Prisma.sql`t."role" = ${role}`);
  const organisations = readingOrganisations(principal.holdings);
  const ids = await prisma.$queryRaw<{ id: string }[]>(
    status === 'open' ? visibleOpenTaskIdsSql(organisations, filters, limit) : visibleClosedTaskIdsSql(organisations, status, filters, limit),
  );
  const rows = await prisma.task.findMany({ where: { id: { in: ids.map(({ id }) => id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const today = toIsoDate(new Date());
  return ids.flatMap(({ id }) => (byId.has(id) ? [taskSummary(byId.get(id)!, today)] : []));
}

/**
 * The ids of the open tasks `organisations` see (the tasks of tasksSeenBySql), due soonest first. Each
 * way of seeing a task is a branch of its own that finds its first `limit` tasks from an index of open
 * tasks: the organisations' own (task_open_organisation_due_date_idx), those on the contracts made for
 * them (task_open_audience_due_date_idx) and those of the tenders they lead or commission
 * (task_tender_id_status_due_date_id_idx).
 * Tested as one condition, the planner walked every open task in due date order: at 100,000 contracts and
 * 10,000,000 tasks (bench/reads-under-load.ts, which prints this statement's plans) that took 3.3 s for a
 * provider with few tasks, this takes 0.3 ms; a municipality's or a region's list 3 to 5 ms.
 */
export function visibleOpenTaskIdsSql(organisations: readonly string[], filters: readonly Prisma.Sql[], limit: number): Prisma.Sql {
  const list = [...organisations];
  // 'open' literally: the partial indexes are used only for a constant the planner can match.
  const openTasks = (seen: Prisma.Sql) => Prisma.sql`SELECT t."id", t."due_date" FROM "task" t
    WHERE ${Prisma.join([Prisma.sql`t."status" = 'open'`, seen, ...filters], ' AND ')}
    ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}`;
  // Per audience or tender seen (LATERAL): else the planner walks all open tasks by due date, hoping to stop early.
  const onEach = (seen: Prisma.Sql, condition: Prisma.Sql) => Prisma.sql`SELECT t."id", t."due_date" FROM (${seen}) s
    CROSS JOIN LATERAL (${openTasks(condition)}) t
    ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}`;
  const branches = [
    openTasks(Prisma.sql`t."organisation" = ANY(${list}::text[])`),
    // The tasks on contracts made for them: an open contract task's audience is its contract's commissioners
    // (a tender's own task's, the tender's: seen as well), kept by the triggers of
    // prisma/migrations/20261202060000_task_overview_audience; read in due date order from the index alone.
    onEach(audiencesSql(list), Prisma.sql`t."audience_id" = s."audience_id"`),
    onEach(tenderIdsSeenBySql(list), Prisma.sql`t."tender_id" = s."id"`),
  ];
  return firstOfBranches(branches, limit);
}

/** The ids of the first `limit` tasks of the branches together (each gives id and due date), due soonest first. */
function firstOfBranches(branches: readonly Prisma.Sql[], limit: number): Prisma.Sql {
  return Prisma.sql`SELECT u."id" FROM (${Prisma.join(branches.map((branch) => Prisma.sql`(${branch})`), ' UNION ')}) u
    ORDER BY u."due_date" ASC, u."id" ASC LIMIT ${limit}`;
}

/**
 * The ids of the done or cancelled tasks `organisations` see (the tasks of tasksSeenBySql), due soonest
 * first: the same ways of seeing as visibleOpenTaskIdsSql, each read per organisation and role, contract
 * or tender from an index of all tasks, by due date (task_organisation_role_status_due_date_idx,
 * task_contract_id_status_due_date_id_idx, task_tender_id_status_due_date_id_idx). A closed task has no
 * audience (that column serves the overviews of open tasks), so the contracts made for them are read
 * from contract_commissioners_idx. Tested as one condition, the planner walked every task of the status
 * in due date order: at 100,000 contracts and 10,000,000 tasks 17.3 s for a provider with few tasks; now
 * 0.4 ms, and for a municipality or a region 25 ms (read again) to 120 ms (read first after other work;
 * bench/reads-under-load.ts prints the plans).
 */
export function visibleClosedTaskIdsSql(organisations: readonly string[], status: Exclude<TaskStatus, 'open'>, filters: readonly Prisma.Sql[], limit: number): Prisma.Sql {
  const list = [...organisations];
  const tasks = (seen: Prisma.Sql, first: number) => Prisma.sql`SELECT t."id", t."due_date" FROM "task" t
    WHERE ${Prisma.join([Prisma.sql`t."status" = ${status}`, seen, ...filters], ' AND ')}
    ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${first}`;
  // The first `limit` tasks of all come from the `limit` contracts (tenders, roles) whose first task comes
  // first: a task of any other is preceded by those `limit` first tasks. So each is read for its first task
  // only, then those `limit` for theirs: a municipality's 2,215 contracts of 87 done tasks each were
  // 193,000 index entries read (205 ms), now 2,215 plus at most 100 per contract chosen.
  const onEach = (seen: Prisma.Sql, condition: Prisma.Sql) => Prisma.sql`SELECT t."id", t."due_date" FROM (
      SELECT s.* FROM (${seen}) s CROSS JOIN LATERAL (${tasks(condition, 1)}) f ORDER BY f."due_date" ASC, f."id" ASC LIMIT ${limit}
    ) s
    CROSS JOIN LATERAL (${tasks(condition, limit)}) t
    ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}`;
  const branches = [
    // Their own tasks per role: task_organisation_role_status_due_date_idx gives each role's in due date order.
    // Every role of the glossary: the workflows give a task no other (Role), and it is what sets who may complete it.
    onEach(
      Prisma.sql`SELECT o."organisation", r."role" FROM unnest(${list}::text[]) o("organisation") CROSS JOIN unnest(${[...roles]}::text[]) r("role")`,
      Prisma.sql`t."organisation" = s."organisation" AND t."role" = s."role"`,
    ),
    onEach(Prisma.sql`SELECT vc."id" FROM "contract" vc WHERE vc."commissioners" && ${list}::text[]`, Prisma.sql`t."contract_id" = s."id"`),
    onEach(tenderIdsSeenBySql(list), Prisma.sql`t."tender_id" = s."id"`),
  ];
  return firstOfBranches(branches, limit);
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
