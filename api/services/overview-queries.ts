/**
 * The SQL of the overviews, read from PostgreSQL (indexed), not from Temporal visibility. The task rows are
 * written by the workflows' recordTask activity, so these lists agree with the workflows' state.
 *
 * The queries say status = 'open' literally (never as a bind parameter): only then can the planner use
 * the partial indexes of prisma/migrations/20261123010000_task_overview.
 */
import { PREPARED_STATEMENT } from '../../db/client';
import type { IsoDate } from '../../domain/dates';
import { Prisma } from '../../generated/prisma/client';
import { tenderSeenBySql } from './visibility';

/** Prepared once per connection (db/client.ts): these statements run on every request of their routes. */
const PREPARED = Prisma.raw(PREPARED_STATEMENT);

export interface OverdueFilters {
  commissioner?: string;
  provider?: string;
  kind?: string;
  limit: number;
}

/**
 * The tasks (alias `t`) on the contracts made for `organisations` and the tenders they lead or commission:
 * what their staff see in the overviews. Without organisations (the benchmark's unrestricted read), all.
 */
export function commissionedBySql(organisations: readonly string[] | undefined): Prisma.Sql {
  if (organisations === undefined) return Prisma.sql`TRUE`;
  const list = [...organisations];
  return Prisma.sql`(EXISTS (SELECT 1 FROM "contract" vc WHERE vc."id" = t."contract_id" AND vc."commissioners" && ${list}::text[])
    OR EXISTS (SELECT 1 FROM "tender" vt WHERE vt."id" = t."tender_id" AND ${tenderSeenBySql(list, 'vt')}))`;
}

/**
 * The whole overview in one statement: the `limit` most overdue matching tasks read whole as `tasks`
 * (JSON, OverdueRow's fields; overdueFirstSql), and the counts per kind of all matching tasks as
 * `totals` (JSON object; overdueHitsSql), both from the indexes alone until the rows shown.
 */
export function overdueOverviewQuery({ commissioner, provider, kind, limit }: OverdueFilters, today: IsoDate, organisations?: readonly string[]): Prisma.Sql {
  const filters = { commissioner, provider, kind };
  return Prisma.sql`${PREPARED}
    SELECT (SELECT COALESCE(json_agg(shown ORDER BY shown."due_date", shown."id"), '[]'::json)
            FROM (${overdueRowsSql(overdueFirstSql(filters, today, limit, organisations), today)}) shown) AS "tasks",
           (SELECT COALESCE(json_object_agg(k."kind", k."count" ORDER BY k."kind"), '{}'::json)
            FROM (SELECT h."kind", count(*)::int AS "count" FROM (${overdueHitsSql(filters, today, organisations)}) h GROUP BY h."kind") k) AS "totals"`;
}

export interface OverdueOverviewRow {
  tasks: OverdueRow[] | string;
  totals: Record<string, number> | string;
}

/** The matching overdue tasks, most overdue first (the list of overdueOverviewQuery on its own). */
export function overdueTasksQuery({ commissioner, provider, kind, limit }: OverdueFilters, today: IsoDate, organisations?: readonly string[]): Prisma.Sql {
  return Prisma.sql`${overdueRowsSql(overdueFirstSql({ commissioner, provider, kind }, today, limit, organisations), today)}
    ORDER BY "due_date" ASC, "id" ASC`;
}

/** Overdue task counts per kind for the same filters (not limited), from the indexes alone (the totals of overdueOverviewQuery on their own). */
export function overdueTotalsQuery(filters: Omit<OverdueFilters, 'limit'>, today: IsoDate, organisations?: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT h."kind", count(*)::int AS "count"
    FROM (${overdueHitsSql(filters, today, organisations)}) h
    GROUP BY h."kind"
    ORDER BY h."kind"`;
}

/**
 * The tasks of `first` (their ids), read whole: only these rows are read from the task table. The tender's
 * title as a subquery by its key: joined, the planner read every tender (their launches are large) to hash
 * them, 3 ms of a 5 ms overview.
 */
function overdueRowsSql(first: Prisma.Sql, today: IsoDate): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."workflow_id", t."kind", t."title", t."role", t."organisation",
           to_char(t."due_date", 'YYYY-MM-DD') AS "due_date", (${today}::date - t."due_date") AS "days_overdue",
           t."escalated_at", t."commissioner", t."provider", t."contract_id", c."lot_id", c."lot_title",
           COALESCE(t."tender_id", c."tender_id") AS "tender_id",
           (SELECT td."title" FROM "tender" td WHERE td."id" = COALESCE(t."tender_id", c."tender_id")) AS "tender_title"
    FROM (${first}) first_hits
    JOIN "task" t ON t."id" = first_hits."id"
    LEFT JOIN "contract" c ON c."id" = t."contract_id"`;
}

/**
 * The ids of the `limit` most overdue matching tasks (due date, then id). Per audience the first `limit`
 * in the index's own order (task_open_audience_due_date_idx is keyed by audience, due date and id), so
 * only those few are sorted, not every overdue task the principal sees.
 */
function overdueFirstSql(filters: Omit<OverdueFilters, 'limit'>, today: IsoDate, limit: number, organisations: readonly string[] | undefined): Prisma.Sql {
  const overdue = overdueWhere(filters, today);
  if (organisations === undefined) {
    return Prisma.sql`SELECT t."id" FROM "task" t WHERE ${overdue} ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}`;
  }
  return Prisma.sql`
    SELECT f."id" FROM (${audiencesSql(organisations)}) a
    CROSS JOIN LATERAL (
      SELECT t."id", t."due_date" FROM "task" t
      WHERE t."audience_id" = a."audience_id" AND ${overdue}
      ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}
    ) f
    ORDER BY f."due_date" ASC, f."id" ASC LIMIT ${limit}`;
}

/**
 * The id, due date and kind of every matching overdue task the organisations' staff see, from the
 * indexes alone (index-only scans; the index includes every column the overview filters and counts by).
 * Driven by what they see, never by every overdue task in the country: the audiences that name one of the
 * organisations (task_audience_member, by its primary key; a few: a municipality's own and its
 * region's), then each audience's open tasks by due date (task_open_audience_due_date_idx: one range per
 * audience). Every task in those ranges is seen, so none is read only to be dropped. An open task's
 * audience is who sees it here: its contract's commissioners, or for a tender's own task the tender's
 * lead organisation, commissioners and the municipalities they act for (kept by the triggers of
 * prisma/migrations/20261202060000_task_overview_audience). A task has one audience, so the ranges
 * never overlap. At 100,000 contracts and 10,000,000 tasks a municipality's overview reads its few
 * thousand overdue tasks in two index ranges (bench/reads-under-load.ts). Without organisations (an
 * unrestricted read) every overdue task.
 */
function overdueHitsSql(filters: Omit<OverdueFilters, 'limit'>, today: IsoDate, organisations: readonly string[] | undefined): Prisma.Sql {
  const overdue = overdueWhere(filters, today);
  if (organisations === undefined) return Prisma.sql`SELECT t."id", t."due_date", t."kind" FROM "task" t WHERE ${overdue}`;
  return Prisma.sql`
    SELECT t."id", t."due_date", t."kind"
    FROM (${audiencesSql(organisations)}) a
    JOIN "task" t ON t."audience_id" = a."audience_id"
    WHERE ${overdue}`;
}

/** The audiences that name one of the organisations, each once, as `audience_id` (task_audience_member, by its primary key). */
export function audiencesSql(organisations: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT m."audience_id" FROM "task_audience_member" m WHERE m."organisation" = ANY(${[...organisations]}::text[])`;
}

function overdueWhere({ commissioner, provider, kind }: Omit<OverdueFilters, 'limit'>, today: IsoDate): Prisma.Sql {
  const conditions = [Prisma.sql`t."status" = 'open'`, Prisma.sql`t."due_date" < ${today}::date`];
  if (commissioner) conditions.push(Prisma.sql`t."commissioner" = ${commissioner}`);
  if (provider) conditions.push(Prisma.sql`t."provider" = ${provider}`);
  if (kind) conditions.push(Prisma.sql`t."kind" = ${kind}`);
  return Prisma.join(conditions, ' AND ');
}

export interface OverdueRow {
  id: string;
  workflow_id: string;
  kind: string;
  title: string;
  role: string;
  organisation: string;
  due_date: string;
  days_overdue: number;
  escalated_at: Date | null;
  commissioner: string | null;
  provider: string | null;
  contract_id: string | null;
  lot_id: string | null;
  lot_title: string | null;
  tender_id: string | null;
  tender_title: string | null;
}

export interface ProviderTaskRow {
  id: string;
  kind: string;
  title: string;
  role: string;
  due_date: string;
  days_until_due: number;
  escalated_at: Date | null;
  contract_id: string;
  lot_id: string;
  lot_title: string;
  commissioner: string;
}

/**
 * A provider's open tasks on its own contracts, due soonest first: never another organisation's task.
 * Read in the order of task_open_organisation_due_date_idx (organisation, due date, id; it includes the
 * columns shown, so the task table is not read), each task's contract by its key, until `limit`.
 */
export function providerTasksQuery(provider: string, today: IsoDate, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."kind", t."title", t."role", to_char(t."due_date", 'YYYY-MM-DD') AS "due_date",
           (t."due_date" - ${today}::date) AS "days_until_due", t."escalated_at",
           c."id" AS "contract_id", c."lot_id", c."lot_title", c."commissioner"
    FROM "task" t
    JOIN "contract" c ON c."id" = t."contract_id"
    WHERE t."status" = 'open' AND t."organisation" = ${provider} AND c."provider" = ${provider}
    ORDER BY t."due_date" ASC, t."id" ASC
    LIMIT ${limit}`;
}

/**
 * The provider task list in one statement: `any_contract` (whether the provider has a contract at all:
 * without one the list answers 404), and providerTasksQuery's rows as `tasks` (JSON, in its order).
 */
export function providerTaskListQuery(provider: string, today: IsoDate, limit: number): Prisma.Sql {
  return Prisma.sql`${PREPARED}
    SELECT EXISTS (SELECT 1 FROM "contract" pc WHERE pc."provider" = ${provider}) AS "any_contract",
           (SELECT COALESCE(json_agg(p ORDER BY p."due_date", p."id"), '[]'::json)
            FROM (${providerTasksQuery(provider, today, limit)}) p) AS "tasks"`;
}

export interface ProviderTaskListRow {
  any_contract: boolean;
  tasks: ProviderTaskRow[] | string;
}

export interface FailedNotificationRow {
  idempotency_key: string;
  workflow_id: string;
  task_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  error: string | null;
  claimed_at: Date;
  task_title: string | null;
  organisation: string | null;
  tender_id: string | null;
  contract_id: string | null;
}

/**
 * Notifications that failed for good, newest first, on the contracts and tenders of `organisations`
 * (through their task, or the workflow that sent them). status = 'undeliverable' literally: the partial
 * index notification_undeliverable_claimed_at_idx.
 */
export function failedNotificationsQuery(organisations: readonly string[], limit: number): Prisma.Sql {
  const list = [...organisations];
  return Prisma.sql`
    SELECT n."idempotency_key", n."workflow_id", n."task_id", n."kind", n."recipient", n."subject", n."error", n."claimed_at",
           t."title" AS "task_title", t."organisation", COALESCE(t."tender_id", c."tender_id") AS "tender_id", t."contract_id"
    FROM "notification" n
    LEFT JOIN "task" t ON t."id" = n."task_id"
    LEFT JOIN "contract" c ON c."id" = t."contract_id"
    WHERE n."status" = 'undeliverable'
      AND (EXISTS (SELECT 1 FROM "contract" vc WHERE (vc."id" = t."contract_id" OR vc."workflow_id" = n."workflow_id") AND vc."commissioners" && ${list}::text[])
        OR EXISTS (SELECT 1 FROM "tender" vt WHERE (vt."id" = t."tender_id" OR vt."workflow_id" = n."workflow_id") AND ${tenderSeenBySql(list, 'vt')}))
    ORDER BY n."claimed_at" DESC, n."idempotency_key" ASC
    LIMIT ${limit}`;
}
