import type { Prisma } from '../generated/prisma/client';
import type { z } from 'zod';
import type { eventRecordSchema } from './schemas/records';

type Event = z.output<typeof eventRecordSchema>;

/** The upsert that writes one audit row at most once (its id comes from the workflow). */
export function eventUpsert(event: Event): Prisma.EventUpsertArgs {
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
  return { where: { id: event.id }, create: data, update: {} };
}

/** A calendar date for a @db.Date column. */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}
