/**
 * The managers' failures overview: what the workflows recorded instead of failing (a notification the
 * mail server refused for good, a record that does not exist, background work that failed), newest
 * first, across every tender and contract, read from the event table.
 *
 * The query names the failure types literally (never as bind parameters): only then can the planner use
 * the partial index event_failure_occurred_at_idx of prisma/migrations/20261201230000_failure_overview.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client';
import type { ApiDeps } from '../deps';

const tags = ['tasks'];

/** The event types of recorded failures, each with how a manager reads it. */
export const FAILURE_TYPES = ['notification.failed', 'record.failed', 'workflow.backgroundFailed'] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

const failureTitles: Record<FailureType, string> = {
  'notification.failed': 'Bericht niet bezorgd: informeer de ontvangers zelf',
  'record.failed': 'Vastlegging mislukt: het gegeven bestaat niet in de database',
  'workflow.backgroundFailed': 'Achtergrondwerk mislukt',
};

const identifier = z.string().trim().min(1).max(200);

export const failureFiltersSchema = z.strictObject({
  type: z.enum(FAILURE_TYPES).optional(),
  tenderId: identifier.optional(),
  contractId: identifier.optional(),
  commissioner: identifier.optional().describe('The commissioner of the contract, or the lead organisation of the tender'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type FailureFilters = z.infer<typeof failureFiltersSchema>;

const nullableString = z.string().nullable();
export const failuresOverviewSchema = z.object({
  filters: z.object({ type: z.enum(FAILURE_TYPES).nullable(), tenderId: nullableString, contractId: nullableString, commissioner: nullableString }),
  truncated: z.boolean().describe('More failures match than the limit shows'),
  failures: z.array(
    z.object({
      id: z.string(),
      type: z.enum(FAILURE_TYPES),
      title: z.string().describe('What happened, for the manager (Dutch)'),
      workflowId: z.string(),
      tender: z.object({ id: z.string(), title: nullableString }).nullable(),
      contract: z
        .object({ id: z.string(), lotId: nullableString, lotTitle: nullableString, commissioner: nullableString, provider: nullableString })
        .nullable()
        .describe('Null fields when the contract row itself is missing (record.failed)'),
      error: z.string(),
      occurredAt: z.string(),
      details: z.record(z.string(), z.unknown()).describe("The event's data: for record.failed the activity, the record's id and the event it was meant to record"),
    }),
  ),
});

/** The matching failures, newest first; one more than `limit`, to tell whether the list is truncated. */
export function failuresQuery({ type, tenderId, contractId, commissioner, limit }: FailureFilters): Prisma.Sql {
  const conditions = [Prisma.sql`e."type" IN ('notification.failed', 'record.failed', 'workflow.backgroundFailed')`];
  if (type) conditions.push(Prisma.sql`e."type" = ${type}`);
  if (tenderId) conditions.push(Prisma.sql`COALESCE(e."tender_id", c."tender_id") = ${tenderId}`);
  if (contractId) conditions.push(Prisma.sql`e."contract_id" = ${contractId}`);
  if (commissioner) conditions.push(Prisma.sql`COALESCE(c."commissioner", td."lead_organisation") = ${commissioner}`);
  return Prisma.sql`
    SELECT e."id", e."type", e."workflow_id", e."data", e."occurred_at", e."contract_id",
           COALESCE(e."tender_id", c."tender_id") AS "tender_id", td."title" AS "tender_title",
           c."lot_id", c."lot_title", c."commissioner", c."provider"
    FROM "event" e
    LEFT JOIN "contract" c ON c."id" = e."contract_id"
    LEFT JOIN "tender" td ON td."id" = COALESCE(e."tender_id", c."tender_id")
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY e."occurred_at" DESC, e."id" ASC
    LIMIT ${limit + 1}`;
}

interface FailureRow {
  id: string;
  type: FailureType;
  workflow_id: string;
  data: Record<string, unknown> | null;
  occurred_at: Date;
  contract_id: string | null;
  tender_id: string | null;
  tender_title: string | null;
  lot_id: string | null;
  lot_title: string | null;
  commissioner: string | null;
  provider: string | null;
}

function view(row: FailureRow) {
  const details = row.data && typeof row.data === 'object' && !Array.isArray(row.data) ? row.data : {};
  return {
    id: row.id,
    type: row.type,
    title: failureTitles[row.type],
    workflowId: row.workflow_id,
    tender: row.tender_id ? { id: row.tender_id, title: row.tender_title } : null,
    contract: row.contract_id
      ? { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title, commissioner: row.commissioner, provider: row.provider }
      : null,
    error: typeof details.error === 'string' ? details.error : '',
    occurredAt: new Date(row.occurred_at).toISOString(),
    details,
  };
}

export function failureRoutes({ prisma }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/overview/failures',
      {
        schema: {
          tags,
          summary:
            'Failures the workflows recorded and went on past, newest first: notifications refused for good, records that do not exist, background work that failed. Someone must act on each',
          querystring: failureFiltersSchema,
          response: { 200: failuresOverviewSchema },
        },
      },
      async (request) => {
        const filters = request.query;
        const rows = await prisma.$queryRaw<FailureRow[]>(failuresQuery(filters));
        return {
          filters: {
            type: filters.type ?? null,
            tenderId: filters.tenderId ?? null,
            contractId: filters.contractId ?? null,
            commissioner: filters.commissioner ?? null,
          },
          truncated: rows.length > filters.limit,
          failures: rows.slice(0, filters.limit).map(view),
        };
      },
    );
  };
}
