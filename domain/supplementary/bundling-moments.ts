/**
 * The bundling moments of a contract: for budget year Y the manager approves the bundles (and decides
 * the flexible amount) on the settings' day in year Y-1, by default the budget task's day before the
 * spring note (./settings.ts, ../municipal-year.ts).
 *
 * Pure and deterministic: the contract term workflow plans its tasks with it.
 */
import type { IsoDate } from '../dates';

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `${year}-${monthDay}`, the month's last day when the month is shorter (29 February in a common year: the 28th). */
function dayIn(year: number, monthDay: string): IsoDate {
  const month = Number(monthDay.slice(0, 2));
  const day = Math.min(Number(monthDay.slice(3, 5)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${monthDay.slice(0, 2)}-${String(day).padStart(2, '0')}`;
}

/** Every bundling moment due from `from` to `until` (both inclusive), in order; `monthDay` is MM-DD. */
export function bundlingMoments(from: IsoDate, until: IsoDate, monthDay: string): { year: number; dueDate: IsoDate }[] {
  if (!MONTH_DAY.test(monthDay)) throw new RangeError(`a bundling day is MM-DD, not "${monthDay}"`);
  const moments: { year: number; dueDate: IsoDate }[] = [];
  for (let year = Number(from.slice(0, 4)) + 1; year <= Number(until.slice(0, 4)) + 1; year++) {
    const dueDate = dayIn(year - 1, monthDay);
    if (dueDate >= from && dueDate <= until) moments.push({ year, dueDate });
  }
  return moments;
}
