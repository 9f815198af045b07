/**
 * The dates of one supplementary assignment's term (the supplementaryAssignmentWorkflow plans them):
 * the provider's confirmation, its own reports when it demands them, and the decision to end, renew
 * or promote it before it ends. These are regie's defaults, not legal periods.
 *
 * Pure and deterministic: `today` is the workflow's date.
 */
import { addDaysTo, addMonthsTo, type IsoDate } from '../dates';
import type { SupplementaryAssignment } from './types';

/** The provider confirms an accepted assignment within 14 days (but before its period starts). */
export const CONFIRMATION_DAYS = 14;
/** The end decision is due 60 days before the period ends: time for a renewal through the intake and the panel. */
export const END_DECISION_DAYS_BEFORE_END = 60;
/** The final report of an assignment with its own reporting is due 30 days after its period. */
export const FINAL_REPORT_DAYS_AFTER_END = 30;

export interface AssignmentPlan {
  confirmationDue: IsoDate;
  /** With its own reporting: every `everyMonths` from the start while before the end, then the final report; folded into the contract: none. */
  reportDueDates: IsoDate[];
  endDecisionDue: IsoDate;
}

function latest(...dates: IsoDate[]): IsoDate {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function assignmentPlan(assignment: Pick<SupplementaryAssignment, 'period' | 'reporting'>, today: IsoDate): AssignmentPlan {
  const { from, to } = assignment.period;
  const inFourteenDays = addDaysTo(today, CONFIRMATION_DAYS);
  // Confirmed before the work starts, when it starts later than today; never due before today.
  const confirmationDue = from > today && from < inFourteenDays ? from : inFourteenDays;

  const reportDueDates: IsoDate[] = [];
  const { regime, everyMonths } = assignment.reporting;
  if (regime === 'own' && everyMonths !== undefined) {
    // Each from the start (not from the previous date): 31 January + 1, 2, 3 months stays at the month's end.
    for (let k = 1; ; k++) {
      const due = addMonthsTo(from, k * everyMonths);
      if (due >= to) break;
      reportDueDates.push(due);
    }
    reportDueDates.push(addDaysTo(to, FINAL_REPORT_DAYS_AFTER_END));
  }

  const endDecisionDue = latest(addDaysTo(to, -END_DECISION_DAYS_BEFORE_END), from, today);
  return { confirmationDue, reportDueDates, endDecisionDue };
}
