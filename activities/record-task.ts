import type { ActivityDeps } from './deps';
import { dateColumn, eventInsert } from './event-row';
import { parseActivityInput } from './parse-input';
import { type RecordTaskInput, recordTaskInputSchema } from './schemas/records';

/** Writes a task's current state (and the event that changed it) in one transaction. */
export function makeRecordTask({ prisma }: ActivityDeps) {
  return async function recordTask(input: RecordTaskInput): Promise<void> {
    const { task, event } = parseActivityInput(recordTaskInputSchema, input, 'recordTask');
    const row = {
      workflowId: task.workflowId,
      tenderId: task.tenderId ?? null,
      contractId: task.contractId ?? null,
      kind: task.kind,
      title: task.title,
      role: task.role,
      organisation: task.organisation,
      // Left out (undefined) when not given, so a record without them keeps what an earlier one wrote.
      commissioner: task.commissioner,
      provider: task.provider,
      dueDate: dateColumn(task.dueDate),
      status: task.status,
      openedAt: new Date(task.openedAt),
      escalatedAt: task.escalatedAt ? new Date(task.escalatedAt) : null,
      completedAt: task.completion ? new Date(task.completion.at) : null,
      completedByRole: task.completion?.by.role ?? null,
      completedByOrganisation: task.completion?.by.organisation ?? null,
      completedByName: task.completion?.by.name ?? null,
      outcome: task.completion?.outcome ?? null,
      note: task.completion?.note ?? null,
    };
    await prisma.$transaction([
      prisma.task.upsert({ where: { id: task.id }, create: { id: task.id, ...row }, update: row }),
      ...(event ? [prisma.event.createMany(eventInsert(event))] : []),
    ]);
  };
}
