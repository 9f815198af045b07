/**
 * The defaults of a contract's supplementary-assignment settings (the contract may override them,
 * configureSupplementarySchema in ../schemas/supplementary.ts).
 */
import { DEFAULT_MUNICIPAL_CALENDAR } from '../municipal-year';
import type { SupplementarySettings } from './types';

/**
 * - Small budgets are those below € 50.000: the bundling proposal groups them per theme and goal.
 * - The bundling moment of budget year Y falls on the budget task's day in year Y-1 (default 1 March):
 *   before the spring note (voorjaarsnota) sets next year's frame (../municipal-year.ts), so the
 *   bundles and the flexible amount can be part of that budget.
 */
export const DEFAULT_SUPPLEMENTARY_SETTINGS: SupplementarySettings = {
  smallBudgetBelowCents: 5_000_000, // € 50.000
  bundlingMonthDay: DEFAULT_MUNICIPAL_CALENDAR.budgetTaskDue,
};
