import type { ActivityDeps } from './deps';
import { eventInsertSql } from './event-row';
import { parseActivityInput } from './parse-input';
import { seedDirectoryFromAward, seedingDay } from './record-directory';
import {
  type RecordAwardsInput,
  recordAwardsInputSchema,
  type RecordObjectionInput,
  recordObjectionInputSchema,
} from './schemas/records';

/**
 * Records (or updates the status of) the awards of one award round. At final award each provider
 * enters the role directory with its contact (activities/record-directory.ts).
 */
export function makeRecordAwards({ prisma }: ActivityDeps) {
  return async function recordAwards(input: RecordAwardsInput): Promise<void> {
    const { awards, event } = parseActivityInput(recordAwardsInputSchema, input, 'recordAwards');
    await prisma.$transaction([
      ...awards.map((award) => {
        const row = {
          ...award,
          valueCents: BigInt(award.valueCents),
          decidedAt: new Date(award.decidedAt),
          standstillEndsAt: new Date(award.standstillEndsAt),
        };
        return prisma.award.upsert({ where: { id: award.id }, create: row, update: { status: award.status } });
      }),
      prisma.$executeRaw(eventInsertSql(event)),
    ]);
    for (const award of awards.filter((a) => a.status === 'final')) await seedDirectoryFromAward(prisma, award, seedingDay(event.occurredAt));
  };
}

/** Records an objection or its resolution. */
export function makeRecordObjection({ prisma }: ActivityDeps) {
  return async function recordObjection(input: RecordObjectionInput): Promise<void> {
    const { objection, event } = parseActivityInput(recordObjectionInputSchema, input, 'recordObjection');
    const row = {
      ...objection,
      lotId: objection.lotId ?? null,
      registeredAt: new Date(objection.registeredAt),
      resolvedAt: objection.resolvedAt ? new Date(objection.resolvedAt) : null,
      resolution: objection.resolution ?? null,
    };
    await prisma.$transaction([
      prisma.objection.upsert({ where: { id: objection.id }, create: row, update: row }),
      prisma.$executeRaw(eventInsertSql(event)),
    ]);
  };
}
