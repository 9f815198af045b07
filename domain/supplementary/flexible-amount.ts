/**
 * The yearly flexible amount (flexibel budget): instead of negotiating every supplementary request
 * from scratch, the contract reserves an amount for the year based on what the past years actually
 * needed (the Zaanstad evaluation, seed 001). It is decided in the budget task before the spring note
 * (../municipal-year.ts); accepted assignments draw on it by the year their period starts.
 *
 * Pure and deterministic: the contract term workflow calls it.
 */
import type { FlexibleAmountProposal, SupplementaryAssignment, SupplementaryYear } from './types';
import { committedStatuses } from './types';

/** How many past years the proposal looks back at most: long enough to smooth a peak, short enough to follow a trend. */
export const FLEXIBLE_AMOUNT_MAX_YEARS = 5;

type Counted = Pick<SupplementaryAssignment, 'budgetCents' | 'period' | 'status'>;

const committed = new Set(committedStatuses);

function startYear(assignment: Counted): number {
  return Number(assignment.period.from.slice(0, 4));
}

/**
 * The proposal for `year`: the accepted (committed) supplementary budgets per calendar year their
 * period starts in, for the years before `year`, from the first year with any such budget (later years
 * without any count as 0: a quiet year is part of the history), the last `maxYears` at most. Average
 * (rounded to a cent), population standard deviation (rounded to a cent), lowest and highest year; the
 * proposed amount is the exact average rounded to whole euros. Without history: all zero, basis [].
 */
export function proposeFlexibleAmount(year: number, assignments: readonly Counted[], options: { maxYears?: number } = {}): FlexibleAmountProposal {
  const maxYears = options.maxYears ?? FLEXIBLE_AMOUNT_MAX_YEARS;
  if (!Number.isInteger(maxYears) || maxYears < 1) throw new RangeError(`maxYears is a whole number of at least 1, not ${maxYears}`);
  const perYear = new Map<number, number>();
  let firstYear = year;
  for (const assignment of assignments) {
    const from = startYear(assignment);
    if (from >= year || !committed.has(assignment.status)) continue;
    perYear.set(from, (perYear.get(from) ?? 0) + assignment.budgetCents);
    if (from < firstYear) firstYear = from;
  }
  if (perYear.size === 0) return { year, basis: [], averageCents: 0, spreadCents: 0, minCents: 0, maxCents: 0, proposedCents: 0 };

  const basis: FlexibleAmountProposal['basis'] = [];
  for (let y = Math.max(firstYear, year - maxYears); y < year; y++) basis.push({ year: y, cents: perYear.get(y) ?? 0 });
  const cents = basis.map((b) => b.cents);
  const total = cents.reduce((sum, c) => sum + c, 0);
  const mean = total / basis.length;
  const variance = cents.reduce((sum, c) => sum + (c - mean) ** 2, 0) / basis.length;
  return {
    year,
    basis,
    averageCents: Math.round(mean),
    spreadCents: Math.round(Math.sqrt(variance)),
    minCents: Math.min(...cents),
    maxCents: Math.max(...cents),
    // From the exact average, not the cent-rounded one: one rounding only.
    proposedCents: Math.round(total / (basis.length * 100)) * 100,
  };
}

/** The committed supplementary budgets whose period starts in `year`: what they draw on that year's flexible amount. */
export function drawnOn(year: number, assignments: readonly Counted[]): number {
  let drawn = 0;
  for (const assignment of assignments) {
    if (startYear(assignment) === year && committed.has(assignment.status)) drawn += assignment.budgetCents;
  }
  return drawn;
}

/** What is left of the year's decided flexible amount; negative when overdrawn; undefined while not decided. */
export function flexibleAmountLeft(year: SupplementaryYear): number | undefined {
  return year.flexibleAmount ? year.flexibleAmount.amountCents - year.drawnCents : undefined;
}
