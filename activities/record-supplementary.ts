import type { z } from 'zod';
import type { SupplementaryAssignment, SupplementaryBundle, SupplementaryYear } from '../domain/supplementary/types';
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';
import { dateColumn, eventInsertSql } from './event-row';
import { parseActivityInput } from './parse-input';
import type { EventRecord } from './schemas/records';
import {
  recordSupplementaryInputSchema,
  type supplementaryAssignmentRecordSchema,
  type supplementaryBundleRecordSchema,
  type supplementaryYearRecordSchema,
} from './schemas/supplementary';

export interface RecordSupplementaryInput {
  contractId: string;
  assignments?: SupplementaryAssignment[];
  bundles?: SupplementaryBundle[];
  years?: SupplementaryYear[];
  event: EventRecord;
}

/**
 * Writes a contract's supplementary assignments, bundles and years (those given) and the event that
 * changed them, in one transaction. Each row is the workflow's whole current snapshot, so the last write
 * wins and a retried activity writes the same rows again; the event is written once (its id is the
 * workflow's). A contract without a row is a non-retryable RecordNotFound (activities/permanent-failures.ts).
 */
export function makeRecordSupplementary({ prisma }: ActivityDeps) {
  return async function recordSupplementary(input: RecordSupplementaryInput): Promise<void> {
    const { contractId, assignments, bundles, years, event } = parseActivityInput(recordSupplementaryInputSchema, input, 'recordSupplementary');
    // Contracts are never deleted: when the row is here now, the foreign keys hold in the transaction below.
    await prisma.contract.findUniqueOrThrow({ where: { id: contractId }, select: { id: true } });
    await prisma.$transaction([
      ...bundles.map((bundle) => {
        const row = bundleRow(bundle);
        return prisma.supplementaryBundle.upsert({ where: { id: bundle.id }, create: row, update: row });
      }),
      ...assignments.map((assignment) => {
        const row = assignmentRow(assignment);
        return prisma.supplementaryAssignment.upsert({ where: { id: assignment.id }, create: row, update: row });
      }),
      ...years.map((year) => {
        const row = yearRow(contractId, year);
        return prisma.supplementaryYear.upsert({ where: { contractId_year: { contractId, year: year.year } }, create: row, update: row });
      }),
      prisma.$executeRaw(eventInsertSql(event)),
    ]);
  };
}

const json = (value: object) => value as Prisma.InputJsonValue;
const optionalCents = (cents: number | undefined) => (cents === undefined ? null : BigInt(cents));

function assignmentRow(a: z.output<typeof supplementaryAssignmentRecordSchema>): Prisma.SupplementaryAssignmentUncheckedCreateInput {
  return {
    id: a.id,
    contractId: a.contractId,
    title: a.title,
    theme: a.theme,
    goal: a.goal,
    budgetCents: BigInt(a.budgetCents),
    periodFrom: dateColumn(a.period.from),
    periodTo: dateColumn(a.period.to),
    sourceKind: a.source.kind,
    sourceName: a.source.name,
    requestedBy: a.requestedBy,
    sideSteering: a.sideSteering,
    status: a.status,
    route: a.vetting?.route ?? null,
    groundBasis: a.vetting?.ground?.basis ?? null,
    regime: a.regime,
    bundleId: a.bundleId ?? null,
    spendingCapCents: optionalCents(a.spendingCapCents),
    promotedAt: a.promotion ? dateColumn(a.promotion.on) : null,
    promotionOccasion: a.promotion?.occasion ?? null,
    receivedOn: dateColumn(a.receivedOn),
    data: json(a),
  };
}

function bundleRow(b: z.output<typeof supplementaryBundleRecordSchema>): Prisma.SupplementaryBundleUncheckedCreateInput {
  return {
    id: b.id,
    contractId: b.contractId,
    year: b.year,
    theme: b.theme,
    goal: b.goal,
    budgetCents: BigInt(b.budgetCents),
    status: b.status,
    combinesSpendingCaps: b.combinesSpendingCaps,
    assignmentIds: b.assignmentIds,
    data: json(b),
  };
}

function yearRow(contractId: string, y: z.output<typeof supplementaryYearRecordSchema>): Prisma.SupplementaryYearUncheckedCreateInput {
  return {
    contractId,
    year: y.year,
    flexibleAmountCents: optionalCents(y.flexibleAmount?.amountCents),
    drawnCents: BigInt(y.drawnCents),
    spendingCapCents: optionalCents(y.spendingCap?.capCents),
    spentCents: BigInt(y.spentCents),
    capAlertOn: y.capAlert ? dateColumn(y.capAlert.reachedOn) : null,
    data: json(y),
  };
}
