import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';
import { dateColumn, eventInsertSql } from './event-row';
import { parseActivityInput } from './parse-input';
import { seedDirectoryFromLaunch, seedingDay } from './record-directory';
import {
  type RecordTenderLaunchedInput,
  recordTenderLaunchedInputSchema,
  type RecordTenderStateInput,
  recordTenderStateInputSchema,
} from './schemas/records';

/**
 * Records a launched tender; a retry finds the row and leaves it as it is. Its commissioners and
 * stakeholders become the role directory's first organisations, people and assignments (from the launch day).
 */
export function makeRecordTenderLaunched({ prisma }: ActivityDeps) {
  return async function recordTenderLaunched(input: RecordTenderLaunchedInput): Promise<void> {
    const { tender, event } = parseActivityInput(recordTenderLaunchedInputSchema, input, 'recordTenderLaunched');
    const row = {
      ...tender,
      estimatedValueCents: BigInt(tender.estimatedValueCents),
      contractStart: dateColumn(tender.contractStart),
      launch: tender.launch as Prisma.InputJsonValue,
      launchedAt: new Date(tender.launchedAt),
    };
    await prisma.$transaction([
      prisma.tender.createMany({ data: row, skipDuplicates: true }),
      prisma.$executeRaw(eventInsertSql(event)),
    ]);
    await seedDirectoryFromLaunch(prisma, tender.launch, seedingDay(tender.launchedAt));
  };
}

/** Records the tender's phase and status after a change (award, standstill, cancellation, completion). */
export function makeRecordTenderState({ prisma }: ActivityDeps) {
  return async function recordTenderState(input: RecordTenderStateInput): Promise<void> {
    const state = parseActivityInput(recordTenderStateInputSchema, input, 'recordTenderState');
    await prisma.$transaction([
      prisma.tender.update({
        where: { id: state.tenderId },
        data: {
          phase: state.phase,
          status: state.status,
          ...(state.contractStart ? { contractStart: dateColumn(state.contractStart) } : {}),
          ...(state.cancelledAt ? { cancelledAt: new Date(state.cancelledAt), cancelReason: state.cancelReason ?? null } : {}),
        },
      }),
      prisma.$executeRaw(eventInsertSql(state.event)),
    ]);
  };
}
