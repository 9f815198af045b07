/**
 * What the contract term workflow does on which day: start each accountability cycle when its
 * period ends, start the midterm review, open the yearly indexation review, the renewal evaluation
 * and the end decision ahead of their due dates, and end the term. Pure, so the workflow and the
 * timeline both read it.
 */
import { addDaysTo, type IsoDate } from './dates';
import type { Role } from './glossary';
import type { AccountabilityPeriod, ContractSchedule } from './contract-schedule';
import { type MunicipalYearTaskKind } from './municipal-year';

/** Tasks of the term open this many days before they are due. */
export const DEFAULT_TASK_LEAD_DAYS = 30;

/** The budget for the next contract year is settled this many days before it starts (municipal budget cycle). */
export const BUDGET_CYCLE_DAYS_BEFORE_YEAR = 60;

/**
 * What a contract term plans, fixed when the contract starts and carried across continue-as-new (a
 * running contract keeps what its code promised at its start):
 * 1. the lifecycle: accountability cycles, midterm review, indexation review on each anniversary,
 *    renewal evaluation 24 months before the end, end decision before the notice deadline;
 * 2. plus a budget task 60 days before each contract year (`patched('yearly-budget-cycle')`);
 * 3. the municipal year (./municipal-year.ts): budget before the spring note and indexation per
 *    calendar year (provisional, settled) instead of anniversaries; the end decision, by the college,
 *    before the next tender must start, and the renewal evaluation when it starts
 *    (`patched('municipal-year')`).
 */
export type AgendaVersion = 1 | 2 | 3;
export const LATEST_AGENDA_VERSION: AgendaVersion = 3;

export interface AgendaOptions {
  taskLeadDays?: number;
  /** Default 1. */
  version?: AgendaVersion;
}

export type ContractTaskKind = 'indexationReview' | MunicipalYearTaskKind | 'renewalEvaluation' | 'endDecision';

/** Who owns each task of the term (the end decision: see `contractTaskOwner`). */
export const contractTaskOwners: Record<ContractTaskKind, Role> = {
  indexationReview: 'contractManager',
  budgetCycle: 'contractManager',
  indexationProvisional: 'contractManager',
  indexationSettlement: 'contractManager',
  renewalEvaluation: 'contractManager',
  endDecision: 'manager',
};

/**
 * From agenda version 3 the college decides on extending or ending: the municipality says whether it
 * extends (VNG contractstandaard Wmo art. 1.3), and entering into an agreement, so extending one, is
 * the college's decision (Gemeentewet art. 160 lid 1 onder e), or of whoever holds its mandate. The
 * council is informed (../shared/DOMAIN.md: keep the council informed).
 */
export function contractTaskOwner(kind: ContractTaskKind, version: AgendaVersion): Role {
  return kind === 'endDecision' && version >= 3 ? 'college' : contractTaskOwners[kind];
}

export const contractTaskTitles: Record<ContractTaskKind, string> = {
  indexationReview: 'Jaarlijkse indexeringstoets (indexering tegenover cao-loonstijging)',
  budgetCycle: 'Begrotingscyclus: budget volgend contractjaar vaststellen (aanvullende budgetten bundelen)',
  indexationProvisional: 'Voorlopig indexeringspercentage vaststellen (loon- en prijsindex, vóór de begroting)',
  indexationSettlement: 'Nacalculatie indexering: definitief percentage vaststellen',
  renewalEvaluation: 'Evaluatie contract en voorbereiding nieuwe aanbesteding',
  endDecision: 'Besluit verlengen of beëindigen (mededeling uiterlijk 6 maanden voor einde)',
};

/** The title of a task of the municipal year names the calendar year it is for. */
export function municipalYearTaskTitle(kind: MunicipalYearTaskKind, year: number): string {
  switch (kind) {
    case 'budgetCycle':
      return `Begroting ${year}: budget en aanvullende budgetten inbrengen vóór de voorjaarsnota`;
    case 'indexationProvisional':
      return `Indexering ${year}: voorlopig percentage vaststellen (loon- en prijsindex)`;
    case 'indexationSettlement':
      return `Indexering ${year}: nacalculatie, definitief percentage vaststellen`;
  }
}

export type AgendaAction =
  | { kind: 'startAccountabilityCycle'; period: AccountabilityPeriod }
  | { kind: 'startMidtermReview'; reviewDate: IsoDate }
  | { kind: 'openTask'; task: ContractTaskKind; dueDate: IsoDate; year?: number }
  /** The bundling moment of supplementary assignments for a budget year (workflows/supplementary-assignment). */
  | { kind: 'openSupplementaryBundling'; year: number; dueDate: IsoDate }
  | { kind: 'endTerm'; endDate: IsoDate };

export interface AgendaItem {
  /** Unique within a contract; kept across continue-as-new to know what is done. */
  key: string;
  /** The day the action is taken. */
  on: IsoDate;
  action: AgendaAction;
}

/** Every action of the term in date order (same-day actions in the order listed here). */
export function contractAgenda(schedule: ContractSchedule, options: AgendaOptions = {}): AgendaItem[] {
  const taskLeadDays = options.taskLeadDays ?? DEFAULT_TASK_LEAD_DAYS;
  const version = options.version ?? 1;
  const notBeforeStart = (date: IsoDate) => (date < schedule.startDate ? schedule.startDate : date);
  const task = (kind: ContractTaskKind, dueDate: IsoDate, year?: number): AgendaItem => ({
    key: `${kind}:${dueDate}`,
    on: notBeforeStart(addDaysTo(dueDate, -taskLeadDays)),
    action: { kind: 'openTask', task: kind, dueDate, ...(year === undefined ? {} : { year }) },
  });
  const items: AgendaItem[] = [
    ...schedule.accountabilityPeriods.map((period) => ({
      key: `accountability:p${period.index}`,
      on: addDaysTo(period.to, 1),
      action: { kind: 'startAccountabilityCycle' as const, period },
    })),
    { key: `midtermReview:${schedule.midtermReviewDate}`, on: schedule.midtermReviewDate, action: { kind: 'startMidtermReview', reviewDate: schedule.midtermReviewDate } },
    ...schedule.yearlyReviewDates.map((date) => task('indexationReview', date)),
    ...(version === 2 ? schedule.yearlyReviewDates.map((date) => task('budgetCycle', addDaysTo(date, -BUDGET_CYCLE_DAYS_BEFORE_YEAR))) : []),
    ...schedule.municipalYearTasks.map((t) => task(t.kind, t.dueDate, t.year)),
    task('renewalEvaluation', schedule.renewalEvaluationDue),
    task('endDecision', schedule.endDecisionDue),
    { key: `endTerm:${schedule.endDate}`, on: addDaysTo(schedule.endDate, 1), action: { kind: 'endTerm', endDate: schedule.endDate } },
  ];
  // The term ends last on its day; everything else keeps its listed order.
  return items
    .map((item, order) => ({ item, order: item.action.kind === 'endTerm' ? Number.MAX_SAFE_INTEGER : order }))
    .sort((a, b) => (a.item.on < b.item.on ? -1 : a.item.on > b.item.on ? 1 : a.order - b.order))
    .map(({ item }) => item);
}

/** The contract year (1-based) a day falls in. */
export function contractYearOf(schedule: ContractSchedule, date: IsoDate): number {
  return (schedule.contractYears.find((y) => date <= y.to) ?? schedule.contractYears.at(-1)!).year;
}
