/**
 * The role directory's rules: which roles an organisation of a kind can hold, when an assignment is
 * valid, and what a reassignment does. Pure (no I/O): the service (api/services/directory.ts) and
 * the activities apply them to the rows.
 */
import { addDaysTo, type IsoDate } from './dates';
import { commissionerRoles, directoryRoles, type OrganisationKind, providerRoles, type Role } from './glossary';

/** A role within an organisation: what a task belongs to and what a notification is addressed to. */
export interface RoleRef {
  role: Role;
  organisation: string;
}

/** The roles an organisation of this kind can assign: a municipality's or purchasing body's staff, a provider's. */
export function rolesOfKind(kind: OrganisationKind): readonly Role[] {
  return kind === 'provider' ? [...providerRoles, ...directoryRoles] : [...commissionerRoles, ...directoryRoles];
}

/** Why a role does not fit an organisation of this kind, or undefined when it does. */
export function roleMismatch(role: Role, kind: OrganisationKind): string | undefined {
  if (rolesOfKind(kind).includes(role)) return undefined;
  const kindLabel = kind === 'provider' ? 'a provider' : kind === 'purchasingBody' ? 'a purchasing body' : 'a municipality';
  return `${role} is not a role of ${kindLabel}; it has ${rolesOfKind(kind).join(', ')}`;
}

// Made once: building a DateTimeFormat per call cost 0.6 ms (a CPU profile of bench/lifecycle.ts: every mail sent asks for the day).
const dutchDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The directory's day at a moment: the calendar date in the Netherlands, where assignments start and
 * end (a mail sent at 00:30 Dutch time goes to whoever holds the role that Dutch day).
 */
export function directoryDay(at: Date): IsoDate {
  return dutchDay.format(at);
}

/** The days an assignment runs: from validFrom until validUntil, both inclusive; no until means open-ended. */
export interface AssignmentPeriod {
  validFrom: IsoDate;
  validUntil: IsoDate | null;
}

/** Whether the assignment holds on `day`. */
export function isValidOn(period: AssignmentPeriod, day: IsoDate): boolean {
  return period.validFrom <= day && (period.validUntil === null || period.validUntil >= day);
}

/** Whether two assignments share at least one day. */
export function overlaps(a: AssignmentPeriod, b: AssignmentPeriod): boolean {
  const aEnd = a.validUntil ?? '9999-12-31';
  const bEnd = b.validUntil ?? '9999-12-31';
  return a.validFrom <= bEnd && b.validFrom <= aEnd;
}

/** Why a period is not a valid one, naming the field, or undefined. */
export function periodProblem(period: AssignmentPeriod): { field: 'validUntil'; message: string } | undefined {
  if (period.validUntil !== null && period.validUntil < period.validFrom) {
    return { field: 'validUntil', message: `must be on or after validFrom (${period.validFrom})` };
  }
  return undefined;
}

/** Why an assignment cannot end on `until`, or undefined: not before it started, not later than it already ends. */
export function endProblem(period: AssignmentPeriod, until: IsoDate): string | undefined {
  if (until < addDaysTo(period.validFrom, -1)) return `must be on or after the day before validFrom (${addDaysTo(period.validFrom, -1)})`;
  if (period.validUntil !== null && until > period.validUntil) return `the assignment already ends on ${period.validUntil}`;
  return undefined;
}

/**
 * A reassignment from `from` on: the old assignment ends the day before, the new one starts that day
 * and runs as long as the old one would have. An assignment that has not started yet is ended before
 * its first day (it never held).
 */
export function reassignment(old: AssignmentPeriod, from: IsoDate): { oldUntil: IsoDate; next: AssignmentPeriod } | { problem: string } {
  if (old.validUntil !== null && from > old.validUntil) return { problem: `the assignment already ends on ${old.validUntil}` };
  if (from < old.validFrom) return { problem: `must be on or after the assignment's validFrom (${old.validFrom})` };
  return { oldUntil: addDaysTo(from, -1), next: { validFrom: from, validUntil: old.validUntil } };
}

/** Email addresses as the directory keeps them: trimmed, lower case (the unique key of a person). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Each address once, in the order first seen, compared lower case. */
export function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of addresses) {
    const key = normaliseEmail(address);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(key);
  }
  return out;
}
