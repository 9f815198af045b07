/**
 * Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so that plans are the same on
 * every machine and in workflow replay. Notifications go out at a fixed hour of the day.
 */
import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, differenceInCalendarDays, formatISO, isValid } from 'date-fns';

/** A calendar date, YYYY-MM-DD (validated in requests by ./schemas/dates.ts). */
export type IsoDate = string;

/** Hour of the day (UTC) at which reminders and escalations are sent: 08:00 or 09:00 in the Netherlands. */
export const NOTIFICATION_HOUR_UTC = 7;

export function toUtcDate(date: IsoDate): UTCDate {
  return new UTCDate(`${date}T00:00:00.000Z`);
}

/** Whether `value` is a calendar date that exists, written YYYY-MM-DD (2026-02-29 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = toUtcDate(value);
  return isValid(date) && toIsoDate(date) === value;
}

export function toIsoDate(date: Date): IsoDate {
  return formatISO(new UTCDate(date), { representation: 'date' });
}

export function addDaysTo(date: IsoDate, days: number): IsoDate {
  return toIsoDate(addDays(toUtcDate(date), days));
}

export function addMonthsTo(date: IsoDate, months: number): IsoDate {
  return toIsoDate(addMonths(toUtcDate(date), months));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toUtcDate(to), toUtcDate(from));
}

/** The moment on `date` at which notifications for that day go out. */
export function notificationMoment(date: IsoDate): Date {
  return new Date(`${date}T${String(NOTIFICATION_HOUR_UTC).padStart(2, '0')}:00:00.000Z`);
}
