import { type CommissionerParty, contractCommissioners } from '../domain/access';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';
import { dateColumn, eventInsertSql } from './event-row';
import { parseActivityInput } from './parse-input';
import {
  type RecordContractInput,
  recordContractInputSchema,
  type RecordContractStatusInput,
  recordContractStatusInputSchema,
} from './schemas/records';

/** Records a contract at final award (one per lot and provider); a retry leaves the row as it is. */
export function makeRecordContract({ prisma }: ActivityDeps) {
  return async function recordContract(input: RecordContractInput): Promise<void> {
    const { contract, event } = parseActivityInput(recordContractInputSchema, input, 'recordContract');
    const row = {
      ...contract,
      commissioners: contract.commissioners ?? (await commissionersOfTender(prisma, contract.tenderId, contract.commissioner)),
      tenderId: contract.tenderId ?? null,
      valueCents: BigInt(contract.valueCents),
      startDate: dateColumn(contract.startDate),
      endDate: dateColumn(contract.endDate),
      terms: contract.terms as Prisma.InputJsonValue,
    };
    await prisma.$transaction([
      prisma.contract.createMany({ data: row, skipDuplicates: true }),
      prisma.$executeRaw(eventInsertSql(event)),
    ]);
  };
}

/**
 * Who a contract is made for, from its tender's launch: each commissioner and the municipalities a
 * purchasing body acts for (they see the contract, domain/access.ts); at least its lead commissioner.
 */
async function commissionersOfTender(prisma: PrismaClient, tenderId: string | undefined, lead: string): Promise<string[]> {
  const tender = tenderId ? await prisma.tender.findUnique({ where: { id: tenderId }, select: { launch: true } }) : null;
  const launch = tender?.launch as { commissioners?: CommissionerParty[] } | null | undefined;
  return contractCommissioners([{ organisation: lead }, ...(launch?.commissioners ?? [])]);
}

/** Records a contract's status (active, ended) and, when it moved, its end date. */
export function makeRecordContractStatus({ prisma }: ActivityDeps) {
  return async function recordContractStatus(input: RecordContractStatusInput): Promise<void> {
    const change = parseActivityInput(recordContractStatusInputSchema, input, 'recordContractStatus');
    await prisma.$transaction([
      prisma.contract.update({
        where: { id: change.contractId },
        data: { status: change.status, ...(change.endDate ? { endDate: dateColumn(change.endDate) } : {}) },
      }),
      prisma.$executeRaw(eventInsertSql(change.event)),
    ]);
  };
}
