import type { Prisma } from '../generated/prisma/client';
import type { z } from 'zod';
import type { eventRecordSchema } from './schemas/records';

type Event = z.output<typeof eventRecordSchema>;

/**
 * Writes one audit row at most once (its id comes from the workflow): `INSERT … ON CONFLICT DO NOTHING`,
 * one statement, where an upsert with nothing to update costs Prisma a select, the insert and a select back.
 */
export function eventInsert(event: Event): Prisma.EventCreateManyArgs {
  const data = {
    id: event.id,
    workflowId: event.workflowId,
    tenderId: event.tenderId ?? null,
    contractId: event.contractId ?? null,
    type: event.type,
    actorRole: event.actor?.role ?? null,
    actorOrganisation: event.actor?.organisation ?? null,
    actorName: event.actor?.name ?? null,
    actorPrincipal: event.actor?.principal ?? null,
    data: event.data as Prisma.InputJsonValue,
    occurredAt: new Date(event.occurredAt),
  };
  return { data, skipDuplicates: true };
}

/** A calendar date for a @db.Date column. */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}
