/**
 * The SQL of the overviews, read from PostgreSQL (indexed), not from Temporal visibility. The task rows are
 * written by the workflows' recordTask activity, so these lists agree with the workflows' state.
 *
 * The queries say status = 'open' literally (never as a bind parameter): only then can the planner use
 * the partial indexes of prisma/migrations/20261123010000_task_overview.
 */
import type { IsoDate } from '../../domain/dates';
import { Prisma } from '../../generated/prisma/client';
import { tenderSeenBySql } from './visibility';

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
 * The whole overview in one statement: the matching overdue tasks' ids, due dates and kinds found once
 * (overdueHitsSql, from the indexes alone), then the `limit` most overdue read whole as `tasks` (JSON,
 * OverdueRow's fields) and the counts per kind of all of them as `totals` (JSON object).
 */
export function overdueOverviewQuery({ commissioner, provider, kind, limit }: OverdueFilters, today: IsoDate, organisations?: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    WITH hits AS MATERIALIZED (${overdueHitsSql({ commissioner, provider, kind }, today, organisations)}),
    shown AS (${overdueRowsSql(Prisma.sql`hits`, today, limit)})
    SELECT (SELECT COALESCE(json_agg(shown ORDER BY shown."due_date", shown."id"), '[]'::json) FROM shown) AS "tasks",
           (SELECT COALESCE(json_object_agg(k."kind", k."count" ORDER BY k."kind"), '{}'::json)
            FROM (SELECT hits."kind", count(*)::int AS "count" FROM hits GROUP BY hits."kind") k) AS "totals"`;
}

export interface OverdueOverviewRow {
  tasks: OverdueRow[] | string;
  totals: Record<string, number> | string;
}

/** The matching overdue tasks, most overdue first (the list of overdueOverviewQuery on its own). */
export function overdueTasksQuery({ commissioner, provider, kind, limit }: OverdueFilters, today: IsoDate, organisations?: readonly string[]): Prisma.Sql {
  return Prisma.sql`${overdueRowsSql(Prisma.sql`(${overdueHitsSql({ commissioner, provider, kind }, today, organisations)})`, today, limit)}
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

/** The `limit` most overdue of `hits` (id, due_date), read whole: only these rows are read from the task table. */
function overdueRowsSql(hits: Prisma.Sql, today: IsoDate, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."workflow_id", t."kind", t."title", t."role", t."organisation",
           to_char(t."due_date", 'YYYY-MM-DD') AS "due_date", (${today}::date - t."due_date") AS "days_overdue",
           t."escalated_at", t."commissioner", t."provider", t."contract_id", c."lot_id", c."lot_title",
           COALESCE(t."tender_id", c."tender_id") AS "tender_id", td."title" AS "tender_title"
    FROM (SELECT h."id" FROM ${hits} h ORDER BY h."due_date" ASC, h."id" ASC LIMIT ${limit}) first_hits
    JOIN "task" t ON t."id" = first_hits."id"
    LEFT JOIN "contract" c ON c."id" = t."contract_id"
    LEFT JOIN "tender" td ON td."id" = COALESCE(t."tender_id", c."tender_id")`;
}

/**
 * The id, due date and kind of every matching overdue task the organisations' staff see, from the
 * indexes alone (index-only scans; both indexes include every column the overview filters and counts by).
 * Driven by what they see, never by every overdue task in the country:
 * - contract tasks: the contracts made for them (GIN index on contract.commissioners), then the open
 *   tasks of those contracts' commissioners by due date (task_open_commissioner_due_date_idx: one range
 *   per commissioner, e.g. the municipality and its region), kept when their contract is one of those.
 *   This relies on task.commissioner being its contract's commissioner, as recordTask writes it
 *   (denormalised for this overview, prisma/migrations/20261123010000_task_overview);
 * - tender tasks (no contract): the tenders they lead or commission (tenderSeenBySql, indexed), then
 *   each tender's open tasks by due date (task_open_tender_due_date_idx). A contract task is not looked
 *   for through its tender: whoever sees a tender sees all its contracts, whose commissioners are all of
 *   the tender's commissioners and the municipalities they act for, the lead among them (domain/access.ts
 *   contractCommissioners, domain/schemas/tender-launch.ts leadOrganisation).
 * At 100,000 contracts and 10,000,000 tasks a municipality's overview reads its few thousand overdue tasks
 * in a few index ranges (bench/reads-under-load.ts). Without organisations (an unrestricted read) every
 * overdue task.
 */
function overdueHitsSql(filters: Omit<OverdueFilters, 'limit'>, today: IsoDate, organisations: readonly string[] | undefined): Prisma.Sql {
  const overdue = overdueWhere(filters, today);
  if (organisations === undefined) return Prisma.sql`SELECT t."id", t."due_date", t."kind" FROM "task" t WHERE ${overdue}`;
  const list = [...organisations];
  // OFFSET 0 keeps each commissioner's range a scan of its own (the planner would otherwise probe the
  // task table once per visible contract). The commissioners as unnest(ARRAY(…)): the planner then counts
  // on a few of them, not 200 (its guess for DISTINCT over a CTE), which priced the statement past
  // jit_above_cost and had it JIT-compiled on every call (30 ms, more than the query itself).
  return Prisma.sql`
    WITH vc AS MATERIALIZED (SELECT c."id", c."commissioner" FROM "contract" c WHERE c."commissioners" && ${list}::text[])
    SELECT ct."id", ct."due_date", ct."kind"
    FROM unnest(ARRAY(SELECT DISTINCT vc."commissioner" FROM vc)) d("commissioner")
    CROSS JOIN LATERAL (
      SELECT t."id", t."due_date", t."kind", t."contract_id" FROM "task" t
      WHERE t."commissioner" = d."commissioner" AND ${overdue}
      OFFSET 0
    ) ct
    WHERE ct."contract_id" IN (SELECT vc."id" FROM vc)
    UNION ALL
    SELECT t."id", t."due_date", t."kind"
    FROM "tender" vt JOIN "task" t ON t."tender_id" = vt."id"
    WHERE ${tenderSeenBySql(list, 'vt')} AND t."contract_id" IS NULL AND ${overdue}`;
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

/** A provider's open tasks on its own contracts, due soonest first: never another organisation's task. */
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
  return Prisma.sql`
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
