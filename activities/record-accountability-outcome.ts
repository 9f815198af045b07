import { z } from 'zod';
import { actorSchema } from '../domain/schemas/actor';
import { recordAccountabilityOutcomeSchema } from '../domain/schemas/accountability';
import type { ActivityDeps } from './deps';
import { eventInsertSql } from './event-row';
import { parseActivityInput } from './parse-input';
import { isoDateSchema } from '../domain/schemas/dates';

export const ACCOUNTABILITY_OUTCOME_EVENT = 'accountability.outcomeRecorded';

export const recordAccountabilityOutcomeInputSchema = z.object({
  /** From the workflow (one per cycle), so a retried activity writes the row once. */
  eventId: z.string().min(1),
  workflowId: z.string().min(1),
  contractId: z.string().min(1),
  period: z.object({ index: z.number().int().positive(), from: isoDateSchema, to: isoDateSchema }),
  by: actorSchema,
  outcome: recordAccountabilityOutcomeSchema.omit({ by: true }),
  /** Measurable KPIs without a figure: stored as a list, never as zero. */
  missingFigures: z.array(z.string()),
  /** The follow-up tasks made from the outcome's follow-ups, in the same order. */
  followUpTaskIds: z.array(z.string().min(1)),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type RecordAccountabilityOutcomeActivityInput = z.input<typeof recordAccountabilityOutcomeInputSchema>;

/**
 * Stores the outcome of an accountability conversation as one audit row of type
 * 'accountability.outcomeRecorded' with the full outcome in its data (no table of its own).
 * Idempotent: the row's id comes from the workflow, and a repeat changes nothing.
 */
export function makeRecordAccountabilityOutcome({ prisma }: ActivityDeps) {
  return async function recordAccountabilityOutcome(input: RecordAccountabilityOutcomeActivityInput): Promise<{ eventId: string }> {
    const parsed = parseActivityInput(recordAccountabilityOutcomeInputSchema, input, 'recordAccountabilityOutcome');
    await prisma.$executeRaw(
      eventInsertSql({
        id: parsed.eventId,
        workflowId: parsed.workflowId,
        contractId: parsed.contractId,
        type: ACCOUNTABILITY_OUTCOME_EVENT,
        actor: parsed.by,
        data: {
          period: parsed.period,
          ...parsed.outcome,
          missingFigures: parsed.missingFigures,
          followUpTaskIds: parsed.followUpTaskIds,
        },
        occurredAt: parsed.recordedAt,
      }),
    );
    return { eventId: parsed.eventId };
  };
}
