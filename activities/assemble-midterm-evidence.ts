/**
 * The evidence for a contract's midterm review (tussentijdse evaluatie), read from PostgreSQL:
 * accountability outcomes, task statistics per kind, the amendments so far and the supplementary
 * assignments. Read-only and idempotent: everything is read "as of" a moment the workflow passes,
 * so a retry reads the same history (task statistics are as the tasks stand at the time of reading).
 */
import { z } from 'zod';
import { isoDateSchema } from '../domain/dates';
import type { ActivityDeps } from './deps';
import { parseActivityInput } from './parse-input';

export const ACCOUNTABILITY_OUTCOME_EVENT = 'accountability.outcomeRecorded';
export const CONTRACT_AMENDED_EVENT = 'contract.amended';

export const assembleMidtermEvidenceInputSchema = z.object({
  contractId: z.string().min(1),
  /** Events after this moment are left out; open tasks due before its date count as overdue. */
  asOf: z.iso.datetime({ offset: true }),
});
export type AssembleMidtermEvidenceInput = z.input<typeof assembleMidtermEvidenceInputSchema>;

export interface AccountabilityOutcomeEvidence {
  eventId: string;
  occurredAt: string;
  /** What the accountability workflow recorded (figures per KPI, story, agreements, follow-ups). */
  data: Record<string, unknown>;
}

export interface TaskStatisticsEvidence {
  kind: string;
  total: number;
  done: number;
  /** Done, but completed after the due date. */
  doneLate: number;
  open: number;
  /** Open and past the due date as of `asOf`. */
  overdue: number;
  cancelled: number;
}

export interface AmendmentEvidence {
  eventId: string;
  occurredAt: string;
  /** Signed; undefined when the event carried no valid amount (listed, never counted as zero). */
  valueChangeCents?: number;
  effectiveDate?: string;
  description?: string;
}

export interface MidtermEvidence {
  contractId: string;
  asOf: string;
  accountabilityOutcomes: AccountabilityOutcomeEvidence[];
  taskStatistics: TaskStatisticsEvidence[];
  amendments: AmendmentEvidence[];
  /** Supplementary assignments (aanvullende opdrachten): not recorded anywhere yet, so always empty. */
  supplementaryAssignments: unknown[];
  summary: MidtermEvidenceSummary;
}

export interface MidtermEvidenceSummary {
  accountabilityOutcomes: number;
  tasksDone: number;
  tasksDoneLate: number;
  tasksOpen: number;
  tasksOverdue: number;
  amendments: number;
  /** Net sum of the amendments with a valid amount, signed. */
  netAmendmentCents: number;
  /** Amendments whose event carried no valid amount. */
  amendmentsWithoutAmount: number;
  supplementaryAssignments: number;
}

const amendmentDataSchema = z.object({
  valueChangeCents: z.number().int().optional(),
  effectiveDate: isoDateSchema.optional(),
  description: z.string().optional(),
});

export function makeAssembleMidtermEvidence({ prisma }: ActivityDeps) {
  return async function assembleMidtermEvidence(input: AssembleMidtermEvidenceInput): Promise<MidtermEvidence> {
    const { contractId, asOf } = parseActivityInput(assembleMidtermEvidenceInputSchema, input, 'assembleMidtermEvidence');
    const asOfDate = new Date(asOf);
    const asOfDay = asOf.slice(0, 10);

    const [events, tasks] = await Promise.all([
      prisma.event.findMany({
        where: { contractId, type: { in: [ACCOUNTABILITY_OUTCOME_EVENT, CONTRACT_AMENDED_EVENT] }, occurredAt: { lte: asOfDate } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        select: { id: true, type: true, data: true, occurredAt: true },
      }),
      prisma.task.findMany({
        where: { contractId },
        select: { kind: true, status: true, dueDate: true, completedAt: true },
      }),
    ]);

    const accountabilityOutcomes: AccountabilityOutcomeEvidence[] = events
      .filter((e) => e.type === ACCOUNTABILITY_OUTCOME_EVENT)
      .map((e) => ({ eventId: e.id, occurredAt: e.occurredAt.toISOString(), data: asRecord(e.data) }));

    const amendments: AmendmentEvidence[] = events
      .filter((e) => e.type === CONTRACT_AMENDED_EVENT)
      .map((e) => {
        const parsed = amendmentDataSchema.safeParse(e.data);
        const data = parsed.success ? parsed.data : {};
        return {
          eventId: e.id,
          occurredAt: e.occurredAt.toISOString(),
          ...(data.valueChangeCents !== undefined ? { valueChangeCents: data.valueChangeCents } : {}),
          ...(data.effectiveDate ? { effectiveDate: data.effectiveDate } : {}),
          ...(data.description ? { description: data.description } : {}),
        };
      });

    const byKind = new Map<string, TaskStatisticsEvidence>();
    for (const task of tasks) {
      const stats = byKind.get(task.kind) ?? { kind: task.kind, total: 0, done: 0, doneLate: 0, open: 0, overdue: 0, cancelled: 0 };
      byKind.set(task.kind, stats);
      stats.total++;
      const due = task.dueDate.toISOString().slice(0, 10);
      if (task.status === 'done') {
        stats.done++;
        if (task.completedAt && task.completedAt.toISOString().slice(0, 10) > due) stats.doneLate++;
      } else if (task.status === 'open') {
        stats.open++;
        if (due < asOfDay) stats.overdue++;
      } else if (task.status === 'cancelled') {
        stats.cancelled++;
      }
    }
    const taskStatistics = [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));

    // No supplementary assignments (aanvullende opdrachten) are recorded yet: the portfolio comes
    // with the budget-cycle issue. Until then the evidence lists none, and says so in its summary.
    const supplementaryAssignments: unknown[] = [];

    const withAmount = amendments.filter((a) => a.valueChangeCents !== undefined);
    const sum = (pick: (s: TaskStatisticsEvidence) => number) => taskStatistics.reduce((total, s) => total + pick(s), 0);
    return {
      contractId,
      asOf,
      accountabilityOutcomes,
      taskStatistics,
      amendments,
      supplementaryAssignments,
      summary: {
        accountabilityOutcomes: accountabilityOutcomes.length,
        tasksDone: sum((s) => s.done),
        tasksDoneLate: sum((s) => s.doneLate),
        tasksOpen: sum((s) => s.open),
        tasksOverdue: sum((s) => s.overdue),
        amendments: amendments.length,
        netAmendmentCents: withAmount.reduce((total, a) => total + a.valueChangeCents!, 0),
        amendmentsWithoutAmount: amendments.length - withAmount.length,
        supplementaryAssignments: supplementaryAssignments.length,
      },
    };
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}
