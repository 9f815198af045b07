/**
 * What the contract term workflow does on which day: start each accountability cycle when its
 * period ends, start the midterm review, open the yearly indexation review, the renewal evaluation
 * and the end decision ahead of their due dates, and end the term. Pure, so the workflow and the
 * timeline both read it.
 */
import { addDaysTo, type IsoDate } from './dates';
import type { Role } from './glossary';
import type { AccountabilityPeriod, ContractSchedule } from './contract-schedule';

/** Tasks of the term open this many days before they are due. */
export const DEFAULT_TASK_LEAD_DAYS = 30;

/** The budget for the next contract year is settled this many days before it starts (municipal budget cycle). */
export const BUDGET_CYCLE_DAYS_BEFORE_YEAR = 60;

export interface AgendaOptions {
  taskLeadDays?: number;
  /** The yearly budget cycle task (from the lifecycle version with `yearly-budget-cycle` on). */
  budgetCycle?: boolean;
}

export type ContractTaskKind = 'indexationReview' | 'budgetCycle' | 'renewalEvaluation' | 'endDecision';

export const contractTaskOwners: Record<ContractTaskKind, Role> = {
  indexationReview: 'contractManager',
  budgetCycle: 'contractManager',
  renewalEvaluation: 'contractManager',
  endDecision: 'manager',
};

export const contractTaskTitles: Record<ContractTaskKind, string> = {
  indexationReview: 'Jaarlijkse indexeringstoets (indexering tegenover cao-loonstijging)',
  budgetCycle: 'Begrotingscyclus: budget volgend contractjaar vaststellen (aanvullende budgetten bundelen)',
  renewalEvaluation: 'Evaluatie contract en voorbereiding nieuwe aanbesteding',
  endDecision: 'Besluit verlengen of beëindigen (mededeling uiterlijk 6 maanden voor einde)',
};

export type AgendaAction =
  | { kind: 'startAccountabilityCycle'; period: AccountabilityPeriod }
  | { kind: 'startMidtermReview'; reviewDate: IsoDate }
  | { kind: 'openTask'; task: ContractTaskKind; dueDate: IsoDate }
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
  const notBeforeStart = (date: IsoDate) => (date < schedule.startDate ? schedule.startDate : date);
  const task = (kind: ContractTaskKind, dueDate: IsoDate): AgendaItem => ({
    key: `${kind}:${dueDate}`,
    on: notBeforeStart(addDaysTo(dueDate, -taskLeadDays)),
    action: { kind: 'openTask', task: kind, dueDate },
  });
  const items: AgendaItem[] = [
    ...schedule.accountabilityPeriods.map((period) => ({
      key: `accountability:p${period.index}`,
      on: addDaysTo(period.to, 1),
      action: { kind: 'startAccountabilityCycle' as const, period },
    })),
    { key: `midtermReview:${schedule.midtermReviewDate}`, on: schedule.midtermReviewDate, action: { kind: 'startMidtermReview', reviewDate: schedule.midtermReviewDate } },
    ...schedule.yearlyReviewDates.map((date) => task('indexationReview', date)),
    ...(options.budgetCycle ? schedule.yearlyReviewDates.map((date) => task('budgetCycle', addDaysTo(date, -BUDGET_CYCLE_DAYS_BEFORE_YEAR))) : []),
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
