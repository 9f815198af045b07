/**
 * KPI series for the midterm review (tussentijdse evaluatie): the recorded accountability outcomes
 * ('accountability.outcomeRecorded' events), turned into one series per KPI over the periods. Pure:
 * the midterm evidence activity reads the events and passes them in.
 *
 * Source: the Zaanstad evaluation (../shared/DOMAIN.md): fewer KPIs, all measurable, and accountability
 * as a conversation about numbers and the stories behind them. So a point of a series holds a figure
 * (a number), a narrative (text, never a number, for a KPI marked not measurable) or "missing" (a
 * measurable KPI without a figure, listed explicitly, never zero). An outcome that does not name a
 * KPI at all (neither figure, narrative nor missing) adds no point: the KPI was not one of the
 * contract's KPIs in that period (the accountability cycle lists every measurable KPI without a
 * figure as missing, and refuses a non-measurable KPI without a narrative).
 *
 * Events whose data does not have the shape the accountability cycle records are reported as
 * unreadable, with the reason, never silently dropped.
 */
import { z } from 'zod';
import { kpiFigureSchema, kpiNarrativeSchema } from './schemas/accountability';
import { isoDateSchema } from './schemas/dates';

/** The period of an accountability cycle, as recorded with its outcome. */
export const accountabilityPeriodSchema = z.object({
  /** The cycle's number, from 1. */
  index: z.number().int().positive(),
  from: isoDateSchema,
  to: isoDateSchema,
});
export type AccountabilityPeriod = z.infer<typeof accountabilityPeriodSchema>;

/** The part of an 'accountability.outcomeRecorded' event's data a KPI series reads. */
export const recordedOutcomeKpisSchema = z
  .object({
    period: accountabilityPeriodSchema,
    figures: z.array(kpiFigureSchema),
    narratives: z.array(kpiNarrativeSchema),
    /** Measurable KPIs without a figure. */
    missingFigures: z.array(z.string().trim().min(1)),
  })
  .superRefine((outcome, ctx) => {
    const seen = new Set<string>();
    outcome.figures.forEach((figure, i) => {
      if (seen.has(figure.kpi)) ctx.addIssue({ code: 'custom', path: ['figures', i, 'kpi'], message: `a second figure for KPI "${figure.kpi}"` });
      seen.add(figure.kpi);
      if (outcome.missingFigures.includes(figure.kpi)) {
        ctx.addIssue({ code: 'custom', path: ['figures', i, 'kpi'], message: `KPI "${figure.kpi}" has a figure and is listed as missing` });
      }
    });
    const narrated = new Set<string>();
    outcome.narratives.forEach((narrative, i) => {
      if (narrated.has(narrative.kpi)) ctx.addIssue({ code: 'custom', path: ['narratives', i, 'kpi'], message: `a second narrative for KPI "${narrative.kpi}"` });
      narrated.add(narrative.kpi);
    });
  });
export type RecordedOutcomeKpis = z.infer<typeof recordedOutcomeKpisSchema>;

/** One recorded outcome event, as read from the database. */
export interface RecordedOutcomeEvent {
  eventId: string;
  /** ISO date-time. */
  occurredAt: string;
  data: unknown;
}

/** Where a point comes from: the cycle's period and the outcome event. */
export interface KpiSeriesPeriod extends AccountabilityPeriod {
  eventId: string;
  recordedAt: string;
}

export type KpiSeriesPoint =
  /** A measurable KPI's figure, with the story behind it when one was told. */
  | { period: KpiSeriesPeriod; status: 'figure'; value: number; narrative?: string }
  /** A KPI marked not measurable: its story, never a number. */
  | { period: KpiSeriesPeriod; status: 'narrative'; narrative: string }
  /** A measurable KPI without a figure: listed, never zero. */
  | { period: KpiSeriesPeriod; status: 'missing'; narrative?: string };

/** Simple statistics over a measurable KPI's figures; first/last in period order. */
export interface KpiSeriesStats {
  figures: number;
  missing: number;
  /** Absent when the KPI has no figure at all. */
  first?: number;
  last?: number;
  min?: number;
  max?: number;
}

export interface KpiSeries {
  kpi: string;
  /** True when some period has a figure or lists the figure as missing; false for narratives only. */
  measurable: boolean;
  /** In period order (cycle index, then the order recorded). */
  points: KpiSeriesPoint[];
  /** Only for a measurable KPI. */
  stats?: KpiSeriesStats;
}

export interface UnreadableOutcome {
  eventId: string;
  occurredAt: string;
  /** What did not parse, as "path: message". */
  issues: string[];
}

export interface KpiSeriesResult {
  /** One per KPI, in the order the KPIs first appear in the outcomes. */
  series: KpiSeries[];
  unreadable: UnreadableOutcome[];
}

/** Turns recorded accountability outcomes (in the order recorded) into one series per KPI. */
export function buildKpiSeries(events: readonly RecordedOutcomeEvent[]): KpiSeriesResult {
  const unreadable: UnreadableOutcome[] = [];
  const readable: { period: KpiSeriesPeriod; outcome: RecordedOutcomeKpis }[] = [];
  for (const event of events) {
    const parsed = recordedOutcomeKpisSchema.safeParse(event.data);
    if (!parsed.success) {
      unreadable.push({
        eventId: event.eventId,
        occurredAt: event.occurredAt,
        issues: parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(data)'}: ${issue.message}`),
      });
      continue;
    }
    readable.push({ period: { ...parsed.data.period, eventId: event.eventId, recordedAt: event.occurredAt }, outcome: parsed.data });
  }

  const byKpi = new Map<string, KpiSeriesPoint[]>();
  const pointsOf = (kpi: string) => {
    let points = byKpi.get(kpi);
    if (!points) byKpi.set(kpi, (points = []));
    return points;
  };
  // The series in the order their KPIs first appear in the outcomes as recorded.
  for (const { outcome } of readable) {
    for (const kpi of [...outcome.figures.map((f) => f.kpi), ...outcome.missingFigures, ...outcome.narratives.map((n) => n.kpi)]) pointsOf(kpi);
  }
  // The points in period order; a stable sort keeps the recorded order within one period.
  readable.sort((a, b) => a.period.index - b.period.index);

  for (const { period, outcome } of readable) {
    const narratives = new Map(outcome.narratives.map((n) => [n.kpi, n.text]));
    const told = (kpi: string) => (narratives.has(kpi) ? { narrative: narratives.get(kpi)! } : {});
    for (const figure of outcome.figures) pointsOf(figure.kpi).push({ period, status: 'figure', value: figure.value, ...told(figure.kpi) });
    for (const kpi of new Set(outcome.missingFigures)) pointsOf(kpi).push({ period, status: 'missing', ...told(kpi) });
    for (const narrative of outcome.narratives) {
      const measuredHere = outcome.figures.some((f) => f.kpi === narrative.kpi) || outcome.missingFigures.includes(narrative.kpi);
      if (!measuredHere) pointsOf(narrative.kpi).push({ period, status: 'narrative', narrative: narrative.text });
    }
  }

  const series = [...byKpi.entries()].map(([kpi, points]): KpiSeries => {
    const measurable = points.some((p) => p.status !== 'narrative');
    return { kpi, measurable, points, ...(measurable ? { stats: statsOf(points) } : {}) };
  });
  return { series, unreadable };
}

function statsOf(points: readonly KpiSeriesPoint[]): KpiSeriesStats {
  const values = points.flatMap((p) => (p.status === 'figure' ? [p.value] : []));
  const missing = points.filter((p) => p.status === 'missing').length;
  if (values.length === 0) return { figures: 0, missing };
  return { figures: values.length, missing, first: values[0]!, last: values[values.length - 1]!, min: Math.min(...values), max: Math.max(...values) };
}
