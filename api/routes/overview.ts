/**
 * What people see across every contract, read from PostgreSQL (indexed), not from Temporal visibility:
 * the managers' overdue overview and a provider's own open tasks. The task rows are written by the
 * workflows' recordTask activity, so these lists agree with the workflows' state.
 *
 * The queries say status = 'open' literally (never as a bind parameter): only then can the planner use
 * the partial indexes of prisma/migrations/20261123010000_task_overview.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toIsoDate, type IsoDate } from '../../domain/dates';
import { Prisma } from '../../generated/prisma/client';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';

const tags = ['tasks'];

const organisationName = z.string().trim().min(1).max(200);
/** Task kinds are identifiers (tender step keys, contract term task kinds): camelCase. */
const taskKind = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, 'a task kind, such as accountabilityReport');
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);

export const overdueFiltersSchema = z.strictObject({
  commissioner: organisationName.optional(),
  provider: organisationName.optional(),
  kind: taskKind.optional(),
  limit: limit(100),
});
export type OverdueFilters = z.infer<typeof overdueFiltersSchema>;

/** The matching overdue tasks, most overdue first: the main query of the overview. */
export function overdueTasksQuery({ commissioner, provider, kind, limit }: OverdueFilters, today: IsoDate): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."workflow_id", t."kind", t."title", t."role", t."organisation",
           to_char(t."due_date", 'YYYY-MM-DD') AS "due_date", (${today}::date - t."due_date") AS "days_overdue",
           t."escalated_at", t."commissioner", t."provider", t."contract_id", c."lot_id", c."lot_title",
           COALESCE(t."tender_id", c."tender_id") AS "tender_id", td."title" AS "tender_title"
    FROM "task" t
    LEFT JOIN "contract" c ON c."id" = t."contract_id"
    LEFT JOIN "tender" td ON td."id" = COALESCE(t."tender_id", c."tender_id")
    WHERE ${overdueWhere({ commissioner, provider, kind }, today)}
    ORDER BY t."due_date" ASC, t."id" ASC
    LIMIT ${limit}`;
}

/** Overdue task counts per kind for the same filters (not limited). */
export function overdueTotalsQuery(filters: Omit<OverdueFilters, 'limit'>, today: IsoDate): Prisma.Sql {
  return Prisma.sql`
    SELECT t."kind", count(*)::int AS "count"
    FROM "task" t
    WHERE ${overdueWhere(filters, today)}
    GROUP BY t."kind"
    ORDER BY t."kind"`;
}

function overdueWhere({ commissioner, provider, kind }: Omit<OverdueFilters, 'limit'>, today: IsoDate): Prisma.Sql {
  const conditions = [Prisma.sql`t."status" = 'open'`, Prisma.sql`t."due_date" < ${today}::date`];
  if (commissioner) conditions.push(Prisma.sql`t."commissioner" = ${commissioner}`);
  if (provider) conditions.push(Prisma.sql`t."provider" = ${provider}`);
  if (kind) conditions.push(Prisma.sql`t."kind" = ${kind}`);
  return Prisma.join(conditions, ' AND ');
}

interface OverdueRow {
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

interface ProviderTaskRow {
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

interface FailedNotificationRow {
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

export const failedNotificationsSchema = z.object({
  notifications: z.array(
    z.object({
      idempotencyKey: z.string(),
      workflowId: z.string(),
      kind: z.string(),
      recipients: z.array(z.string()),
      subject: z.string(),
      error: z.string().describe("The mail server's answer, or why the address is invalid"),
      failedAt: z.string(),
      task: z.object({ id: z.string(), title: z.string().nullable(), organisation: z.string().nullable() }).nullable(),
      tenderId: z.string().nullable(),
      contractId: z.string().nullable(),
    }),
  ),
});

const nullableString = z.string().nullable();
export const overdueOverviewSchema = z.object({
  asOf: z.string(),
  filters: z.object({ commissioner: nullableString, provider: nullableString, kind: nullableString }),
  totals: z.object({ overdue: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
  truncated: z.boolean(),
  tasks: z.array(
    z.object({
      id: z.string(),
      workflowId: z.string(),
      kind: z.string(),
      title: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number().int(),
      escalatedAt: nullableString,
      owner: z.object({ role: z.string(), organisation: z.string() }),
      commissioner: nullableString,
      provider: nullableString,
      contract: z.object({ id: z.string(), lotId: nullableString, lotTitle: nullableString }).nullable(),
      tender: z.object({ id: z.string(), title: nullableString }).nullable(),
    }),
  ),
});

export const providerTasksSchema = z.object({
  provider: z.string(),
  asOf: z.string(),
  tasks: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      role: z.string(),
      dueDate: z.string(),
      daysUntilDue: z.number().int(),
      overdue: z.boolean(),
      escalatedAt: nullableString,
      contract: z.object({ id: z.string(), lotId: z.string(), lotTitle: z.string(), commissioner: z.string() }),
    }),
  ),
});

const timestamp = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function overviewRoutes({ prisma }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/overview/overdue',
      {
        schema: {
          tags,
          summary: 'Open tasks past their due date across every contract and tender, most overdue first, with totals per kind',
          querystring: overdueFiltersSchema,
          response: { 200: overdueOverviewSchema },
        },
      },
      async (request) => {
        const filters = request.query;
        const today = toIsoDate(new Date());
        const [rows, totals] = await Promise.all([
          prisma.$queryRaw<OverdueRow[]>(overdueTasksQuery(filters, today)),
          prisma.$queryRaw<{ kind: string; count: number }[]>(overdueTotalsQuery(filters, today)),
        ]);
        const byKind = Object.fromEntries(totals.map(({ kind, count }) => [kind, count]));
        const total = totals.reduce((sum, { count }) => sum + count, 0);
        return {
          asOf: today,
          filters: { commissioner: filters.commissioner ?? null, provider: filters.provider ?? null, kind: filters.kind ?? null },
          totals: { overdue: total, byKind },
          truncated: rows.length < total,
          tasks: rows.map((row) => ({
            id: row.id,
            workflowId: row.workflow_id,
            kind: row.kind,
            title: row.title,
            dueDate: row.due_date,
            daysOverdue: Number(row.days_overdue),
            escalatedAt: timestamp(row.escalated_at),
            owner: { role: row.role, organisation: row.organisation },
            commissioner: row.commissioner,
            provider: row.provider,
            contract: row.contract_id ? { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title } : null,
            tender: row.tender_id ? { id: row.tender_id, title: row.tender_title } : null,
          })),
        };
      },
    );

    app.get(
      '/overview/failed-notifications',
      {
        schema: {
          tags,
          summary: 'Notifications that failed for good (the mail server refused them, or an address is invalid), newest first: their task goes on without them, someone must tell the recipients',
          querystring: z.strictObject({ limit: limit(100) }),
          response: { 200: failedNotificationsSchema },
        },
      },
      async (request) => {
        // status = 'undeliverable' literally: the partial index notification_undeliverable_claimed_at_idx.
        const rows = await prisma.$queryRaw<FailedNotificationRow[]>`
          SELECT n."idempotency_key", n."workflow_id", n."task_id", n."kind", n."recipient", n."subject", n."error", n."claimed_at",
                 t."title" AS "task_title", t."organisation", COALESCE(t."tender_id", c."tender_id") AS "tender_id", t."contract_id"
          FROM "notification" n
          LEFT JOIN "task" t ON t."id" = n."task_id"
          LEFT JOIN "contract" c ON c."id" = t."contract_id"
          WHERE n."status" = 'undeliverable'
          ORDER BY n."claimed_at" DESC, n."idempotency_key" ASC
          LIMIT ${request.query.limit}`;
        return {
          notifications: rows.map((row) => ({
            idempotencyKey: row.idempotency_key,
            workflowId: row.workflow_id,
            kind: row.kind,
            recipients: row.recipient.split(', ').filter(Boolean),
            subject: row.subject,
            error: row.error ?? '',
            failedAt: new Date(row.claimed_at).toISOString(),
            task: row.task_id ? { id: row.task_id, title: row.task_title, organisation: row.organisation } : null,
            tenderId: row.tender_id,
            contractId: row.contract_id,
          })),
        };
      },
    );

    app.get(
      '/providers/:organisation/tasks',
      {
        schema: {
          tags,
          summary: "A provider's open tasks across all its contracts, due soonest first, with what is expected (a provider sees only its own)",
          params: z.object({ organisation: organisationName }),
          querystring: z.strictObject({ limit: limit(200) }),
          response: { 200: providerTasksSchema },
        },
      },
      async (request) => {
        const { organisation } = request.params;
        const { limit } = request.query;
        const today = toIsoDate(new Date());
        const [anyContract, rows] = await Promise.all([
          prisma.contract.findFirst({ where: { provider: organisation }, select: { id: true } }),
          // Owned by the provider, on a contract of that provider: never another organisation's task.
          prisma.$queryRaw<ProviderTaskRow[]>`
            SELECT t."id", t."kind", t."title", t."role", to_char(t."due_date", 'YYYY-MM-DD') AS "due_date",
                   (t."due_date" - ${today}::date) AS "days_until_due", t."escalated_at",
                   c."id" AS "contract_id", c."lot_id", c."lot_title", c."commissioner"
            FROM "task" t
            JOIN "contract" c ON c."id" = t."contract_id"
            WHERE t."status" = 'open' AND t."organisation" = ${organisation} AND c."provider" = ${organisation}
            ORDER BY t."due_date" ASC, t."id" ASC
            LIMIT ${limit}`,
        ]);
        if (!anyContract) throw notFound(`No contracts with provider ${organisation}`);
        return {
          provider: organisation,
          asOf: today,
          tasks: rows.map((row) => ({
            id: row.id,
            kind: row.kind,
            title: row.title,
            role: row.role,
            dueDate: row.due_date,
            daysUntilDue: Number(row.days_until_due),
            overdue: row.due_date < today,
            escalatedAt: timestamp(row.escalated_at),
            contract: { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title, commissioner: row.commissioner },
          })),
        };
      },
    );
  };
}
