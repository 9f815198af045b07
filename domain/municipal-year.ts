/**
 * The municipal year that a contract's budget and indexation tasks follow (../shared/DOMAIN.md,
 * "The municipal year"): municipal budgets run per calendar year. The spring note (voorjaarsnota,
 * April-June) sets next year's frame, the council adopts the budget (begroting) in the autumn, the
 * annual accounts come in spring. So:
 * - the budget task for calendar year Y+1 is due before the spring note of year Y (default 1 March),
 *   not a number of days before a contract anniversary;
 * - indexation is per calendar year: a provisional rate for year Y is set before the autumn budget
 *   of Y-1 (default 1 October), and settled after year Y when the wage and price figures are known
 *   (nacalculatie, default 1 April of Y+1, next to the annual accounts).
 * Pure, so the contract term workflow and the contract timeline both read it.
 */
import type { IsoDate } from './dates';

/** A day in the year, as MM-DD. */
export type MonthDay = `${number}-${number}`;

export interface MunicipalCalendar {
  /** The budget task for next year is due on this day, before the spring note. */
  budgetTaskDue: MonthDay;
  /** The provisional indexation rate for next year is due on this day, before the autumn budget. */
  provisionalIndexationDue: MonthDay;
  /** The indexation rate of last year is settled on this day (nacalculatie). */
  indexationSettlementDue: MonthDay;
}

export const DEFAULT_MUNICIPAL_CALENDAR: MunicipalCalendar = {
  budgetTaskDue: '03-01',
  provisionalIndexationDue: '10-01',
  indexationSettlementDue: '04-01',
};

export type MunicipalYearTaskKind = 'budgetCycle' | 'indexationProvisional' | 'indexationSettlement';

export interface MunicipalYearTask {
  kind: MunicipalYearTaskKind;
  /** The calendar year the budget or indexation rate is for. */
  year: number;
  dueDate: IsoDate;
}

function dayIn(year: number, day: MonthDay): IsoDate {
  return `${year}-${day}`;
}

/**
 * The budget and indexation tasks of a term from `startDate` to `endDate` (inclusive):
 * - a budget task for each calendar year after the start year in which the contract runs, due before
 *   the spring note of the year before (never before the start: the tender set the first budget);
 * - a provisional indexation rate for each such year, due the autumn before (at the start at the
 *   earliest), and its settlement the spring after, as long as that falls within the term.
 * The start year's price is the tendered price: it is neither budgeted nor indexed here.
 */
export function municipalYearTasks(startDate: IsoDate, endDate: IsoDate, calendar: MunicipalCalendar = DEFAULT_MUNICIPAL_CALENDAR): MunicipalYearTask[] {
  const notBeforeStart = (date: IsoDate) => (date < startDate ? startDate : date);
  const firstYear = Number(startDate.slice(0, 4)) + 1;
  const lastYear = Number(endDate.slice(0, 4));
  const tasks: MunicipalYearTask[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    tasks.push(
      { kind: 'budgetCycle', year, dueDate: notBeforeStart(dayIn(year - 1, calendar.budgetTaskDue)) },
      { kind: 'indexationProvisional', year, dueDate: notBeforeStart(dayIn(year - 1, calendar.provisionalIndexationDue)) },
    );
    const settlement = dayIn(year + 1, calendar.indexationSettlementDue);
    if (settlement <= endDate) tasks.push({ kind: 'indexationSettlement', year, dueDate: settlement });
  }
  return tasks.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
