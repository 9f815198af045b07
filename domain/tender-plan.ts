/**
 * Plans a tender preparation backwards from the contract start, within the legal minimums.
 *
 * Each step has a due date; the time between two due dates is that step's duration. With room to
 * spare every step gets its preferred duration; with less room all steps shrink proportionally
 * towards their minimum (practical or legal, whichever is larger); with too little room the plan
 * is refused, naming the step that no longer fits and by how many days.
 */
import { addDaysTo, daysBetween, type IsoDate, notificationMoment } from './dates';
import { type ProcurementForm, type Role, type TenderStepKey, tenderStepLabels } from './glossary';
import { DEFAULT_LEGAL_TERMS, type LegalMinimum, legalMinimumsBefore202612, legalMinimumsFor } from './legal-rules';
import { assessThreshold, type ThresholdAssessment, valueWithOptions } from './thresholds';
import { tenderStep, tenderSteps } from './tender-steps';

export interface PlannedMilestone {
  key: TenderStepKey;
  label: string;
  ownerRole: Role;
  dueDate: IsoDate;
  /** The least number of days after the previous milestone (practical minimum, raised by the law). */
  minimumDaysAfterPrevious: number;
}

export interface TenderPlan {
  launchDate: IsoDate;
  contractStart: IsoDate;
  standstillDays: number;
  milestones: PlannedMilestone[];
  legalMinimums: LegalMinimum[];
}

export interface PlanRequest {
  procurementForm: ProcurementForm;
  electronicSubmission: boolean;
  /** Documents free, direct and complete online from the notice on (default true; else Aw 2012 art. 2.72: +5 days). */
  documentsElectronicallyAvailable?: boolean;
  /** The standstill term of the tender documents where the law sets none (default 20). */
  standstillDays?: number;
  contractStart: IsoDate;
  /** The day planning starts: the launch date. */
  today: IsoDate;
  /** Tenders launched before 2026-12-01 keep the table they were planned with (see legalMinimumsBefore202612). */
  ruleSet?: 'current' | 'before-2026-12';
}

/** The legal minimums a plan request is bound by. */
export function rulesFor(
  request: Pick<PlanRequest, 'procurementForm' | 'electronicSubmission' | 'documentsElectronicallyAvailable' | 'standstillDays' | 'ruleSet'>,
): LegalMinimum[] {
  if (request.ruleSet === 'before-2026-12') return legalMinimumsBefore202612(request.procurementForm, request.electronicSubmission);
  return legalMinimumsFor(request.procurementForm, {
    electronicSubmission: request.electronicSubmission,
    documentsElectronicallyAvailable: request.documentsElectronicallyAvailable ?? DEFAULT_LEGAL_TERMS.documentsElectronicallyAvailable,
    standstillDays: request.standstillDays ?? DEFAULT_LEGAL_TERMS.standstillDays,
  });
}

/** A plan that cannot be made; `field` names the input that caused it. */
export class PlanError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Minimum days per step once the legal windows are honoured (the last step of a window absorbs the rest). */
function minimumDurations(rules: LegalMinimum[]): Map<TenderStepKey, number> {
  const minimum = new Map(tenderSteps.map((s) => [s.key, s.key === 'standstill' ? 0 : s.minimumDays]));
  for (const rule of rules) {
    const keys = stepsAfter(rule.from, rule.to);
    const sum = keys.reduce((total, key) => total + (minimum.get(key) ?? 0), 0);
    if (sum < rule.minDays) minimum.set(rule.to, (minimum.get(rule.to) ?? 0) + rule.minDays - sum);
  }
  return minimum;
}

/** The steps whose durations lie between the due dates of `from` and `to` (after from, up to and including to). */
function stepsAfter(from: TenderStepKey, to: TenderStepKey): TenderStepKey[] {
  const keys = tenderSteps.map((s) => s.key);
  return keys.slice(keys.indexOf(from) + 1, keys.indexOf(to) + 1);
}

export function planTender(request: PlanRequest): TenderPlan {
  const rules = rulesFor(request);
  const minimum = minimumDurations(rules);
  const standstillRule = rules.find((r) => r.to === 'standstill');
  const preferred = new Map(
    tenderSteps.map((s) => {
      const base = s.key === 'standstill' && !standstillRule ? 0 : s.preferredDays;
      return [s.key, Math.max(base, minimum.get(s.key) ?? 0)];
    }),
  );
  const available = daysBetween(request.today, request.contractStart);
  const sumOf = (durations: Map<TenderStepKey, number>) => [...durations.values()].reduce((a, b) => a + b, 0);
  const sumMinimum = sumOf(minimum);
  const sumPreferred = sumOf(preferred);

  if (available < sumMinimum) throw notFitting(request, minimum, rules);

  const durations = new Map<TenderStepKey, number>();
  if (available >= sumPreferred) {
    for (const [key, days] of preferred) durations.set(key, days);
  } else {
    // Shrink every step towards its minimum by the same fraction; rounding leftovers go to the earliest steps.
    const fraction = (available - sumMinimum) / (sumPreferred - sumMinimum);
    for (const step of tenderSteps) {
      const min = minimum.get(step.key) ?? 0;
      durations.set(step.key, min + Math.floor(((preferred.get(step.key) ?? 0) - min) * fraction));
    }
    let leftover = available - sumOf(durations);
    for (const step of tenderSteps) {
      if (leftover === 0) break;
      const room = (preferred.get(step.key) ?? 0) - (durations.get(step.key) ?? 0);
      const extra = Math.min(room, leftover);
      durations.set(step.key, (durations.get(step.key) ?? 0) + extra);
      leftover -= extra;
    }
  }

  // Walk backwards from the contract start: the last milestone (onboarding done) is the contract start.
  const milestones: PlannedMilestone[] = [];
  let due = request.contractStart;
  for (const step of [...tenderSteps].reverse()) {
    milestones.unshift({
      key: step.key,
      label: tenderStepLabels[step.key],
      ownerRole: step.ownerRole,
      dueDate: due,
      minimumDaysAfterPrevious: minimum.get(step.key) ?? 0,
    });
    due = addDaysTo(due, -(durations.get(step.key) ?? 0));
  }
  return {
    launchDate: request.today,
    contractStart: request.contractStart,
    standstillDays: durations.get('standstill') ?? 0,
    milestones,
    legalMinimums: rules,
  };
}

function notFitting(request: PlanRequest, minimum: Map<TenderStepKey, number>, rules: LegalMinimum[]): PlanError {
  // Walking backwards with minimum durations, the first step whose start falls before today does not fit.
  let due = request.contractStart;
  for (const step of [...tenderSteps].reverse()) {
    const start = addDaysTo(due, -(minimum.get(step.key) ?? 0));
    if (daysBetween(request.today, start) < 0) {
      const shortBy = daysBetween(start, request.today);
      const rule = rules.find((r) => r.to === step.key && (minimum.get(step.key) ?? 0) > 0);
      const needed = [...minimum.values()].reduce((a, b) => a + b, 0);
      const available = daysBetween(request.today, request.contractStart);
      const earliest = addDaysTo(request.today, needed);
      return new PlanError(
        `Contract start ${request.contractStart} is too early: step "${tenderStepLabels[step.key]}" (${step.key}) ` +
          `does not fit by ${shortBy} days. With the minimum durations${rule ? ` (including ${rule.source})` : ''} ` +
          `the preparation needs ${needed} days from ${request.today}; only ${available} remain (${needed - available} short). ` +
          `Earliest feasible contract start: ${earliest}.`,
        'contractStart',
        { step: step.key, shortByDays: shortBy, neededDays: needed, availableDays: available, earliestContractStart: earliest },
      );
    }
    due = start;
  }
  return new PlanError(`Contract start ${request.contractStart} is too early`, 'contractStart');
}

export interface ShiftResult {
  milestones: PlannedMilestone[];
  /** Milestones whose due date changed, the shifted one first. */
  moved: { key: TenderStepKey; from: IsoDate; to: IsoDate }[];
}

/** Steps already done on another day than planned: their actual date counts for the legal periods. */
export type ActualDates = Partial<Record<TenderStepKey, IsoDate>>;

export interface ShiftOptions {
  /**
   * The legal minimums of the plan. With them, a legal period is checked between the actual or
   * planned dates it runs between (a shift that shortens it is refused naming its source), and
   * the other steps keep only their practical minimum. Without them, every step keeps the
   * minimum it was planned with (the behaviour before 2026-12-01, kept for replay).
   */
  rules?: readonly LegalMinimum[];
  actualDates?: ActualDates;
}

/**
 * Moves one milestone's due date and pushes later milestones only as far as their minimum
 * durations and the legal periods require; earlier milestones stay. Refused when the new date
 * comes too soon after the previous milestone, would shorten a legal period, or lies in the past.
 */
export function shiftMilestone(
  milestones: readonly PlannedMilestone[],
  key: TenderStepKey,
  newDueDate: IsoDate,
  today: IsoDate,
  options: ShiftOptions = {},
): ShiftResult {
  const index = milestones.findIndex((m) => m.key === key);
  const target = milestones[index];
  if (!target) throw new PlanError(`Unknown milestone ${key}`, 'stepKey');
  if (daysBetween(today, newDueDate) < 0) {
    throw new PlanError(`New due date ${newDueDate} lies in the past (today is ${today})`, 'newDueDate');
  }
  const { rules } = options;
  if (rules) {
    const violation = legalPeriodViolation(milestones, rules, options.actualDates ?? {}, key, newDueDate);
    if (violation) {
      throw new PlanError(
        `"${target.label}" on ${newDueDate} would shorten a legal period: ${violation.rule.description} ` +
          `(${violation.rule.source}) runs from ${violation.from} for at least ${violation.rule.minDays} days; earliest is ${violation.earliest}`,
        'newDueDate',
        { rule: violation.rule.id, source: violation.rule.source, earliest: violation.earliest },
      );
    }
  }
  const minimumAfterPrevious = (m: PlannedMilestone) => (rules ? practicalMinimum(m.key) : m.minimumDaysAfterPrevious);
  const previous = milestones[index - 1];
  if (previous) {
    const earliest = addDaysTo(previous.dueDate, minimumAfterPrevious(target));
    if (daysBetween(earliest, newDueDate) < 0) {
      throw new PlanError(
        `"${target.label}" must be due at least ${minimumAfterPrevious(target)} days after "${previous.label}" ` +
          `(${previous.dueDate}): ${newDueDate} is ${daysBetween(newDueDate, earliest)} days too early; earliest is ${earliest}`,
        'newDueDate',
      );
    }
  }
  const shifted = milestones.map((m) => ({ ...m }));
  shifted[index]!.dueDate = newDueDate;
  return pushLater(milestones, shifted, index + 1, minimumAfterPrevious, rules ?? [], options.actualDates ?? {});
}

/**
 * After a step was done on `doneOn` (e.g. the notice was sent later than planned), the legal
 * periods that run from it are reckoned from that day: later milestones move as far as needed.
 */
export function reckonFromActualDate(
  milestones: readonly PlannedMilestone[],
  rules: readonly LegalMinimum[],
  actualDates: ActualDates,
  key: TenderStepKey,
): ShiftResult {
  const index = milestones.findIndex((m) => m.key === key);
  const shifted = milestones.map((m) => ({ ...m }));
  return pushLater(milestones, shifted, index + 1, (m) => practicalMinimum(m.key), rules, actualDates);
}

/** The legal period that a milestone on `dueDate` would cut short, if any. */
export function legalPeriodViolation(
  milestones: readonly PlannedMilestone[],
  rules: readonly LegalMinimum[],
  actualDates: ActualDates,
  key: TenderStepKey,
  dueDate: IsoDate,
): { rule: LegalMinimum; from: IsoDate; earliest: IsoDate } | undefined {
  for (const rule of rules.filter((r) => r.to === key)) {
    const from = actualDates[rule.from] ?? milestones.find((m) => m.key === rule.from)?.dueDate;
    if (!from) continue;
    const earliest = addDaysTo(from, rule.minDays);
    if (daysBetween(earliest, dueDate) < 0) return { rule, from, earliest };
  }
  return undefined;
}

/** The shortest workable duration of a step in practice; the law's periods are checked on their own. */
function practicalMinimum(key: TenderStepKey): number {
  return key === 'standstill' ? 0 : tenderStep(key).minimumDays;
}

function pushLater(
  original: readonly PlannedMilestone[],
  shifted: PlannedMilestone[],
  fromIndex: number,
  minimumAfterPrevious: (m: PlannedMilestone) => number,
  rules: readonly LegalMinimum[],
  actualDates: ActualDates,
): ShiftResult {
  for (let i = Math.max(fromIndex, 1); i < shifted.length; i++) {
    const m = shifted[i]!;
    let due = maxDate(m.dueDate, addDaysTo(shifted[i - 1]!.dueDate, minimumAfterPrevious(m)));
    const violation = legalPeriodViolation(shifted, rules, actualDates, m.key, due);
    if (violation) due = violation.earliest;
    m.dueDate = due;
  }
  const moved = shifted
    .map((m, i) => ({ key: m.key, from: original[i]!.dueDate, to: m.dueDate }))
    .filter((change) => change.from !== change.to);
  return { milestones: shifted, moved };
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return daysBetween(a, b) > 0 ? b : a;
}

export interface RouteRequest {
  procurementForm: ProcurementForm;
  /** The value of the base term; the extension options are added pro rata. */
  estimatedValueCents: number;
  termYears: number;
  extensionOptions: { count: number; monthsEach: number };
  /** When the notice is sent (the planned publication): the threshold valid then applies (Directive 2014/24/EU art. 5 lid 4). */
  noticeDate: IsoDate;
}

const europeanForms = 'europeanOpen (Europese openbare procedure) or socialServicesLightRegime (sociale en andere specifieke diensten)';

/**
 * The route a plan must take by its value: a national procedure whose value with options reaches
 * the EU threshold for its form is refused, naming the threshold and its source. Refused rather
 * than silently given the European minimums: the European route changes the whole procedure
 * (notice in the EU journal, its periods, the statutory standstill, legal protection), so the
 * procurement officer chooses it, and chooses between the open procedure and the light regime.
 */
export function assertProcurementRoute(request: RouteRequest): ThresholdAssessment | undefined {
  const value = valueWithOptions(request.estimatedValueCents, request.termYears, request.extensionOptions);
  const assessment = assessThreshold(request.procurementForm, value, request.noticeDate);
  if (assessment?.european && request.procurementForm === 'national') {
    throw new PlanError(
      `A national procedure is not allowed: the estimated value with extension options, EUR ${euros(value)}, reaches the EU threshold ` +
        `of EUR ${euros(assessment.thresholdCents)} for services of municipalities (${assessment.source}) on ${request.noticeDate}. ` +
        `Choose ${europeanForms}.`,
      'procurementForm',
      { valueWithOptionsCents: value, thresholdCents: assessment.thresholdCents, source: assessment.source },
    );
  }
  return assessment;
}

/** Whole euros with thousands separators (the same in every locale and in the workflow sandbox). */
function euros(cents: number): string {
  return String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** When the standstill period of an award decided on `decidedOn` ends: the morning after its last day. */
export function standstillEnd(decidedOn: IsoDate, standstillDays: number): Date {
  return notificationMoment(addDaysTo(decidedOn, standstillDays + 1));
}
