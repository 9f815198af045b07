/**
 * The managers' failures overview: what the workflows recorded instead of failing (a notification the
 * mail server refused for good, a record that does not exist, background work that failed), newest
 * first, on the contracts and tenders of the principal's organisations, read from the event table.
 *
 * The query names the failure types literally (never as bind parameters): only then can the planner use
 * the partial index event_failure_occurred_at_idx of prisma/migrations/20261201230000_failure_overview.
 */
import { Prisma } from '../../generated/prisma/client';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { overviewScope } from './overview-scope';
import { tenderSeenBySql } from './visibility';

/** The event types of recorded failures, each with how a manager reads it. */
export const FAILURE_TYPES = ['notification.failed', 'record.failed', 'workflow.backgroundFailed'] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

const failureTitles: Record<FailureType, string> = {
  'notification.failed': 'Bericht niet bezorgd: informeer de ontvangers zelf',
  'record.failed': 'Vastlegging mislukt: het gegeven bestaat niet in de database',
  'workflow.backgroundFailed': 'Achtergrondwerk mislukt',
};

export interface FailureFilters {
  type?: FailureType;
  tenderId?: string;
  contractId?: string;
  commissioner?: string;
  limit: number;
}

/**
 * The matching failures, newest first; one more than `limit`, to tell whether the list is truncated. With
 * `organisations`, only failures on the contracts made for them or the tenders they lead or commission (a
 * failure whose contract and tender rows are both missing belongs to nobody's overview).
 */
export function failuresQuery({ type, tenderId, contractId, commissioner, limit }: FailureFilters, organisations?: readonly string[]): Prisma.Sql {
  const conditions = [Prisma.sql`e."type" IN ('notification.failed', 'record.failed', 'workflow.backgroundFailed')`];
  if (organisations !== undefined) {
    // A failure whose contract and tender rows are both gone names its owners (workflows/shared/record-failures.ts).
    conditions.push(Prisma.sql`(c."commissioners" && ${[...organisations]}::text[] OR (td."id" IS NOT NULL AND ${tenderSeenBySql(organisations, 'td')})
      OR (c."id" IS NULL AND td."id" IS NULL AND jsonb_typeof(e."data"->'owners') = 'array' AND jsonb_exists_any(e."data"->'owners', ${[...organisations]}::text[])))`);
  }
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

function failureView(row: FailureRow) {
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

/** Failures on the principal's organisations' contracts and tenders, newest first (403 for all but commissioner staff). */
export async function failuresOverview({ prisma }: ApiDeps, principal: Principal, filters: FailureFilters) {
  const rows = await prisma.$queryRaw<FailureRow[]>(failuresQuery(filters, overviewScope(principal)));
  return {
    filters: {
      type: filters.type ?? null,
      tenderId: filters.tenderId ?? null,
      contractId: filters.contractId ?? null,
      commissioner: filters.commissioner ?? null,
    },
    truncated: rows.length > filters.limit,
    failures: rows.slice(0, filters.limit).map(failureView),
  };
}
