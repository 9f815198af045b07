import type { ActivityDeps } from './deps';
import { eventInsertSql } from './event-row';
import { parseActivityInput } from './parse-input';
import { type EventRecord, eventRecordSchema } from './schemas/records';

/** Writes one audit row (idempotent: the event id comes from the workflow). */
export function makeRecordEvent({ prisma }: ActivityDeps) {
  return async function recordEvent(input: EventRecord): Promise<void> {
    const event = parseActivityInput(eventRecordSchema, input, 'recordEvent');
    await prisma.$executeRaw(eventInsertSql(event));
  };
}
