/**
 * The evidence for a contract's midterm review (tussentijdse evaluatie), read from PostgreSQL:
 * accountability outcomes and the KPI series built from them (domain/kpi-series.ts), task statistics
 * per kind, the amendments so far and, among them, the supplementary assignments (aanvullende
 * opdrachten: amendments recorded with kind 'supplementaryAssignment'). Read-only and idempotent:
 * everything is read "as of" a moment the workflow passes, so a retry reads the same history (task
 * statistics are as the tasks stand at the time of reading).
 */
import { z } from 'zod';
import { buildKpiSeries, type KpiSeries, type UnreadableOutcome } from '../domain/kpi-series';
import { type AmendmentKind, type SupplementaryAssignmentSource, supplementaryAssignmentSourceSchema } from '../domain/schemas/contract-actions';
import type { ActivityDeps } from './deps';
import { parseActivityInput } from './parse-input';
import { isoDateSchema } from '../domain/schemas/dates';

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
  /** 'revision' when the event carried no kind (every amendment before kinds existed, and the midterm review's). */
  kind: AmendmentKind;
  /** Signed; undefined when the event carried no valid amount (listed, never counted as zero). */
  valueChangeCents?: number;
  effectiveDate?: string;
  description?: string;
}

/** A supplementary assignment (aanvullende opdracht), added to the contract as a written amendment. */
export interface SupplementaryAssignmentEvidence {
  eventId: string;
  occurredAt: string;
  description?: string;
  /** Signed; undefined when the event carried no valid amount (listed, never counted as zero). */
  valueChangeCents?: number;
  effectiveDate?: string;
  /** The theme it belongs to, for bundling per theme. */
  theme?: string;
  /** Who asked for it: the commissioner, a municipal department or a national programme. */
  source?: SupplementaryAssignmentSource;
}

export interface MidtermEvidence {
  contractId: string;
  asOf: string;
  accountabilityOutcomes: AccountabilityOutcomeEvidence[];
  /** One series per KPI over the periods: a figure, a narrative (not measurable) or missing per period. */
  kpiSeries: KpiSeries[];
  /** Outcome events whose data could not be read into a KPI series, with the reasons. */
  unreadableAccountabilityOutcomes: UnreadableOutcome[];
  taskStatistics: TaskStatisticsEvidence[];
  /** Every amendment so far, revisions and supplementary assignments alike (all count for Aw 2012 art. 2.163b). */
  amendments: AmendmentEvidence[];
  /** The portfolio of supplementary assignments (aanvullende opdrachten): the amendments of that kind. */
  supplementaryAssignments: SupplementaryAssignmentEvidence[];
  summary: MidtermEvidenceSummary;
}

export interface MidtermEvidenceSummary {
  accountabilityOutcomes: number;
  /** Outcome events that could not be read into the KPI series. */
  accountabilityOutcomesUnreadable: number;
  /** KPIs with a series. */
  kpiSeries: number;
  /** Figures over all series and periods. */
  kpiFigures: number;
  /** Figures listed as missing over all series and periods (never counted as zero). */
  kpiFiguresMissing: number;
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
  /** Net sum of the supplementary assignments with a valid amount, signed (part of netAmendmentCents). */
  supplementaryAssignmentCents: number;
}

const amendmentDataSchema = z.object({
  valueChangeCents: z.number().int().optional(),
  effectiveDate: isoDateSchema.optional(),
  description: z.string().optional(),
});

/**
 * An amendment is a supplementary assignment when its event says so; theme and source are read when
 * valid and otherwise left out. ('source' on a revision, e.g. 'midtermReview', is not read.)
 */
const supplementaryAssignmentDataSchema = z.object({
  kind: z.literal('supplementaryAssignment'),
  theme: z.string().trim().min(1).optional().catch(undefined),
  source: supplementaryAssignmentSourceSchema.optional().catch(undefined),
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

    const outcomeEvents = events.filter((e) => e.type === ACCOUNTABILITY_OUTCOME_EVENT);
    const accountabilityOutcomes: AccountabilityOutcomeEvidence[] = outcomeEvents.map((e) => ({ eventId: e.id, occurredAt: e.occurredAt.toISOString(), data: asRecord(e.data) }));
    const kpis = buildKpiSeries(outcomeEvents.map((e) => ({ eventId: e.id, occurredAt: e.occurredAt.toISOString(), data: e.data })));

    const supplementaryAssignments: SupplementaryAssignmentEvidence[] = [];
    const amendments: AmendmentEvidence[] = events
      .filter((e) => e.type === CONTRACT_AMENDED_EVENT)
      .map((e) => {
        const parsed = amendmentDataSchema.safeParse(e.data);
        const data = parsed.success ? parsed.data : {};
        const common = {
          eventId: e.id,
          occurredAt: e.occurredAt.toISOString(),
          ...(data.valueChangeCents !== undefined ? { valueChangeCents: data.valueChangeCents } : {}),
          ...(data.effectiveDate ? { effectiveDate: data.effectiveDate } : {}),
          ...(data.description ? { description: data.description } : {}),
        };
        const supplementary = supplementaryAssignmentDataSchema.safeParse(e.data);
        if (!supplementary.success) return { ...common, kind: 'revision' as const };
        const { theme, source } = supplementary.data;
        supplementaryAssignments.push({ ...common, ...(theme ? { theme } : {}), ...(source ? { source } : {}) });
        return { ...common, kind: 'supplementaryAssignment' as const };
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

    const withAmount = amendments.filter((a) => a.valueChangeCents !== undefined);
    const countPoints = (status: 'figure' | 'missing') => kpis.series.reduce((total, s) => total + s.points.filter((p) => p.status === status).length, 0);
    const sum = (pick: (s: TaskStatisticsEvidence) => number) => taskStatistics.reduce((total, s) => total + pick(s), 0);
    return {
      contractId,
      asOf,
      accountabilityOutcomes,
      kpiSeries: kpis.series,
      unreadableAccountabilityOutcomes: kpis.unreadable,
      taskStatistics,
      amendments,
      supplementaryAssignments,
      summary: {
        accountabilityOutcomes: accountabilityOutcomes.length,
        accountabilityOutcomesUnreadable: kpis.unreadable.length,
        kpiSeries: kpis.series.length,
        kpiFigures: countPoints('figure'),
        kpiFiguresMissing: countPoints('missing'),
        tasksDone: sum((s) => s.done),
        tasksDoneLate: sum((s) => s.doneLate),
        tasksOpen: sum((s) => s.open),
        tasksOverdue: sum((s) => s.overdue),
        amendments: amendments.length,
        netAmendmentCents: withAmount.reduce((total, a) => total + a.valueChangeCents!, 0),
        amendmentsWithoutAmount: amendments.length - withAmount.length,
        supplementaryAssignments: supplementaryAssignments.length,
        supplementaryAssignmentCents: supplementaryAssignments.reduce((total, a) => (a.valueChangeCents === undefined ? total : total + a.valueChangeCents), 0),
      },
    };
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}
