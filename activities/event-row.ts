import { Prisma } from '../generated/prisma/client';
import type { z } from 'zod';
import type { eventRecordSchema } from './schemas/records';

type Event = z.output<typeof eventRecordSchema>;

const EVENT_COLUMNS = Prisma.sql`("id", "workflow_id", "tender_id", "contract_id", "type", "actor_role", "actor_organisation", "actor_name", "actor_principal", "data", "occurred_at")`;

/** The values of an audit row, in EVENT_COLUMNS' order. */
function eventValues(event: Event): Prisma.Sql {
  const { actor } = event;
  return Prisma.sql`${event.id}, ${event.workflowId}, ${event.tenderId ?? null}, ${event.contractId ?? null}, ${event.type},
    ${actor?.role ?? null}, ${actor?.organisation ?? null}, ${actor?.name ?? null}, ${actor?.principal ?? null},
    ${JSON.stringify(event.data)}::jsonb, ${new Date(event.occurredAt)}`;
}

/**
 * Writes one audit row at most once (its id comes from the workflow): one `INSERT … ON CONFLICT DO
 * NOTHING` in SQL. Prisma's upsert with nothing to update cost a select, the insert and a select back;
 * its createMany with skipDuplicates the same statement at twice the time (3.0 ms against 1.4 ms a row,
 * bench/activity-costs.ts). Run it with `$executeRaw`, alone or in a `$transaction` with other writes.
 */
export function eventInsertSql(event: Event): Prisma.Sql {
  return Prisma.sql`INSERT INTO "event" ${EVENT_COLUMNS} VALUES (${eventValues(event)}) ON CONFLICT ("id") DO NOTHING`;
}

/**
 * `write` (an INSERT … RETURNING of one row) and then the audit row of that change, as one statement:
 * both are written or neither, in one round trip instead of a transaction's four.
 */
export function withEventSql(write: Prisma.Sql, event: Event): Prisma.Sql {
  return Prisma.sql`WITH "written" AS (${write})
    INSERT INTO "event" ${EVENT_COLUMNS} SELECT ${eventValues(event)} FROM "written" ON CONFLICT ("id") DO NOTHING`;
}

/** A calendar date for a @db.Date column: the one in the role directory's module, for the records' writers. */
export { dateColumn } from '../db/directory';
