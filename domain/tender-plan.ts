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
import { type LegalMinimum, legalMinimumsFor } from './legal-rules';
import { tenderSteps } from './tender-steps';

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
  contractStart: IsoDate;
  /** The day planning starts: the launch date. */
  today: IsoDate;
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
  const rules = legalMinimumsFor(request.procurementForm, request.electronicSubmission);
  const minimum = minimumDurations(rules);
  const standstillRule = rules.find((r) => r.id === 'standstill');
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

/**
 * Moves one milestone's due date and pushes later milestones only as far as their minimum
 * durations require; earlier milestones stay. Refused when the new date comes too soon after the
 * previous milestone or lies in the past.
 */
export function shiftMilestone(
  milestones: readonly PlannedMilestone[],
  key: TenderStepKey,
  newDueDate: IsoDate,
  today: IsoDate,
): ShiftResult {
  const index = milestones.findIndex((m) => m.key === key);
  const target = milestones[index];
  if (!target) throw new PlanError(`Unknown milestone ${key}`, 'stepKey');
  if (daysBetween(today, newDueDate) < 0) {
    throw new PlanError(`New due date ${newDueDate} lies in the past (today is ${today})`, 'newDueDate');
  }
  const previous = milestones[index - 1];
  if (previous) {
    const earliest = addDaysTo(previous.dueDate, target.minimumDaysAfterPrevious);
    if (daysBetween(earliest, newDueDate) < 0) {
      throw new PlanError(
        `"${target.label}" must be due at least ${target.minimumDaysAfterPrevious} days after "${previous.label}" ` +
          `(${previous.dueDate}): ${newDueDate} is ${daysBetween(newDueDate, earliest)} days too early; earliest is ${earliest}`,
        'newDueDate',
      );
    }
  }
  const shifted = milestones.map((m) => ({ ...m }));
  const moved: ShiftResult['moved'] = [];
  let prevDue = newDueDate;
  for (let i = index; i < shifted.length; i++) {
    const m = shifted[i]!;
    const due = i === index ? newDueDate : maxDate(m.dueDate, addDaysTo(prevDue, m.minimumDaysAfterPrevious));
    if (due !== m.dueDate) moved.push({ key: m.key, from: m.dueDate, to: due });
    m.dueDate = due;
    prevDue = due;
  }
  return { milestones: shifted, moved };
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return daysBetween(a, b) > 0 ? b : a;
}

/** When the standstill period of an award decided on `decidedOn` ends: the morning after its last day. */
export function standstillEnd(decidedOn: IsoDate, standstillDays: number): Date {
  return notificationMoment(addDaysTo(decidedOn, standstillDays + 1));
}
