/**
 * The overview of supplementary assignments (aanvullende opdrachten), counted from their records
 * (supplementary_assignment, supplementary_year) by PostgreSQL in one statement: for one contract, or
 * across every contract made for a commissioner (contract.commissioners, GIN-indexed). What the Zaanstad
 * evaluation asks to see: where requests come from and which reach the provider outside the contract
 * line (zijsturing), what is bundled and earmarked, which regimes are in force, the flexible amount.
 */
import type { ReportingRegime, SupplementarySourceKind } from '../domain/schemas/supplementary';
import { type AssignmentStatus, assignmentStatuses, committedStatuses } from '../domain/supplementary/types';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './client';

export interface SupplementaryOverviewFilter {
  contractId?: string;
  /** Every contract whose commissioners include this organisation. */
  commissioner?: string;
  /**
   * A budget year: the assignments whose period starts in it (the rule by which they draw on that year's
   * flexible amount, so no budget counts in two years) and that year's flexible amount.
   */
  year?: number;
}

/** A number of assignments and their budgets together, in cents. */
export interface BudgetCount {
  count: number;
  totalCents: number;
}

export interface SupplementaryOverview {
  /** Committed assignments: accepted and not declined, rejected or cancelled (committedStatuses). */
  assignments: BudgetCount;
  /** Every status, in the order of an assignment's course, with zeros for those nobody is in. */
  byStatus: (BudgetCount & { status: AssignmentStatus })[];
  /** Committed assignments per source, largest budget first; sideSteering: how many of them came in outside the contract line. */
  bySource: (BudgetCount & { kind: SupplementarySourceKind; name: string; sideSteering: number })[];
  /** Committed assignments per theme, largest budget first. */
  byTheme: (BudgetCount & { theme: string })[];
  /** Every request taken in outside the contract line, whatever became of it: side-steering is counted per source. */
  sideSteering: { count: number; bySource: { kind: SupplementarySourceKind; name: string; count: number }[] };
  /** Committed assignments in a bundle, and in how many bundles. */
  bundled: BudgetCount & { bundles: number };
  /** Committed assignments in no bundle. */
  loose: BudgetCount;
  /** The reporting regimes of the assignments confirmed or running. */
  regimesInForce: { regime: ReportingRegime; count: number }[];
  /**
   * Per year: the flexible amounts decided (null while none is), drawn on them, and what is left of those
   * decided (null while none is). Across contracts, a contract without a decided amount adds to drawnCents only.
   */
  flexibleAmount: { year: number; decidedCents: number | null; drawnCents: number; leftCents: number | null }[];
  /** Committed assignments proposed to become part of the main assignment at the next tender. */
  promoted: BudgetCount;
}

/** The statuses whose regime is in force: confirmed (before its period) and active. */
const IN_FORCE: readonly AssignmentStatus[] = ['confirmed', 'active'];

interface OverviewRow {
  assignments: BudgetCount;
  by_status: (BudgetCount & { status: AssignmentStatus })[];
  by_source: SupplementaryOverview['bySource'];
  by_theme: SupplementaryOverview['byTheme'];
  side_steering: SupplementaryOverview['sideSteering'];
  bundled: SupplementaryOverview['bundled'];
  loose: BudgetCount;
  regimes_in_force: SupplementaryOverview['regimesInForce'];
  flexible_amount: SupplementaryOverview['flexibleAmount'];
  promoted: BudgetCount;
}

export async function supplementaryOverview(prisma: PrismaClient, filter: SupplementaryOverviewFilter): Promise<SupplementaryOverview> {
  const [row] = await prisma.$queryRaw<OverviewRow[]>(supplementaryOverviewQuery(filter));
  if (!row) throw new Error('supplementaryOverview: the query returned no row');
  const byStatus = new Map(row.by_status.map((s) => [s.status, s]));
  return {
    assignments: row.assignments,
    byStatus: [
      ...assignmentStatuses.map((status) => byStatus.get(status) ?? { status, count: 0, totalCents: 0 }),
      ...row.by_status.filter((s) => !assignmentStatuses.includes(s.status)),
    ],
    bySource: row.by_source,
    byTheme: row.by_theme,
    sideSteering: row.side_steering,
    bundled: row.bundled,
    loose: row.loose,
    regimesInForce: row.regimes_in_force,
    flexibleAmount: row.flexible_amount,
    promoted: row.promoted,
  };
}

/** Which contracts' rows count (`column` holds the contract id); every contract without a filter. */
function contractScope(column: Prisma.Sql, { contractId, commissioner }: SupplementaryOverviewFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (contractId !== undefined) conditions.push(Prisma.sql`${column} = ${contractId}`);
  if (commissioner !== undefined) {
    conditions.push(Prisma.sql`${column} IN (SELECT c."id" FROM "contract" c WHERE c."commissioners" @> ARRAY[${commissioner}]::text[])`);
  }
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

const sum = (expression: Prisma.Sql) => Prisma.sql`jsonb_build_object('count', count(*), 'totalCents', COALESCE(sum(${expression}), 0))`;

/**
 * One statement: the assignments in scope once (a materialised CTE), every figure an aggregate over it.
 * Sums of bigint come back as JSON numbers: cents stay exact up to 2^53 (some 90 trillion euros).
 */
export function supplementaryOverviewQuery(filter: SupplementaryOverviewFilter): Prisma.Sql {
  const assignmentYear =
    filter.year === undefined ? Prisma.empty : Prisma.sql`AND s."period_from" >= make_date(${filter.year}::int, 1, 1) AND s."period_from" < make_date(${filter.year}::int + 1, 1, 1)`;
  const yearYear = filter.year === undefined ? Prisma.empty : Prisma.sql`AND y."year" = ${filter.year}::int`;
  const budget = Prisma.sql`a."budget_cents"`;
  return Prisma.sql`
    WITH a AS MATERIALIZED (
      SELECT s."status", s."budget_cents", s."theme", s."source_kind", s."source_name", s."side_steering",
             s."bundle_id", s."regime", s."promoted_at", s."status" IN (${Prisma.join(committedStatuses)}) AS "committed"
      FROM "supplementary_assignment" s
      WHERE ${contractScope(Prisma.sql`s."contract_id"`, filter)} ${assignmentYear}
    )
    SELECT
      (SELECT ${sum(budget)} FROM a WHERE a."committed") AS "assignments",
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('status', g."status", 'count', g."count", 'totalCents', g."total")), '[]'::jsonb)
         FROM (SELECT a."status", count(*) AS "count", sum(${budget}) AS "total" FROM a GROUP BY a."status") g) AS "by_status",
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', g."source_kind", 'name', g."source_name", 'count', g."count", 'totalCents', g."total", 'sideSteering', g."side")
                                 ORDER BY g."total" DESC, g."source_kind", g."source_name"), '[]'::jsonb)
         FROM (SELECT a."source_kind", a."source_name", count(*) AS "count", sum(${budget}) AS "total", count(*) FILTER (WHERE a."side_steering") AS "side"
               FROM a WHERE a."committed" GROUP BY a."source_kind", a."source_name") g) AS "by_source",
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('theme', g."theme", 'count', g."count", 'totalCents', g."total") ORDER BY g."total" DESC, g."theme"), '[]'::jsonb)
         FROM (SELECT a."theme", count(*) AS "count", sum(${budget}) AS "total" FROM a WHERE a."committed" GROUP BY a."theme") g) AS "by_theme",
      jsonb_build_object(
        'count', (SELECT count(*) FROM a WHERE a."side_steering"),
        'bySource', (SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', g."source_kind", 'name', g."source_name", 'count', g."count")
                                               ORDER BY g."count" DESC, g."source_kind", g."source_name"), '[]'::jsonb)
                       FROM (SELECT a."source_kind", a."source_name", count(*) AS "count" FROM a WHERE a."side_steering" GROUP BY a."source_kind", a."source_name") g)
      ) AS "side_steering",
      (SELECT ${sum(budget)} || jsonb_build_object('bundles', count(DISTINCT a."bundle_id")) FROM a WHERE a."committed" AND a."bundle_id" IS NOT NULL) AS "bundled",
      (SELECT ${sum(budget)} FROM a WHERE a."committed" AND a."bundle_id" IS NULL) AS "loose",
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('regime', g."regime", 'count', g."count") ORDER BY g."count" DESC, g."regime"), '[]'::jsonb)
         FROM (SELECT a."regime", count(*) AS "count" FROM a WHERE a."status" IN (${Prisma.join(IN_FORCE)}) GROUP BY a."regime") g) AS "regimes_in_force",
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('year', g."year", 'decidedCents', g."decided", 'drawnCents', g."drawn", 'leftCents', g."left") ORDER BY g."year"), '[]'::jsonb)
         FROM (SELECT y."year", sum(y."flexible_amount_cents") AS "decided", sum(y."drawn_cents") AS "drawn",
                      sum(y."flexible_amount_cents" - y."drawn_cents") AS "left"
               FROM "supplementary_year" y
               WHERE ${contractScope(Prisma.sql`y."contract_id"`, filter)} ${yearYear}
               GROUP BY y."year") g) AS "flexible_amount",
      (SELECT ${sum(budget)} FROM a WHERE a."committed" AND a."promoted_at" IS NOT NULL) AS "promoted"`;
}
