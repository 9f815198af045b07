/**
 * The roles a person holds today: their role assignments whose period (valid from, valid until, both
 * inclusive; no end = open-ended) contains today's date in the Netherlands.
 */
import type { Prisma } from '../../generated/prisma/client';
import type { RoleHolding } from './principal';
import { roleSchema } from '../../domain/schemas/glossary';
import { directoryDay } from '../../domain/directory';

/** Today's calendar date in the Netherlands (YYYY-MM-DD): an assignment starts and ends on Dutch days. */
export function todayInNetherlands(now: Date = new Date()): string {
  return directoryDay(now);
}

/** The role assignments valid on `day` (YYYY-MM-DD), as a Prisma filter. */
export function assignmentsValidOn(day: string): Prisma.RoleAssignmentWhereInput {
  const date = new Date(`${day}T00:00:00.000Z`);
  return { validFrom: { lte: date }, OR: [{ validUntil: null }, { validUntil: { gte: date } }] };
}

/** Holdings from assignment rows; a role no longer in the glossary is left out rather than failing the request. */
export function holdingsOf(assignments: readonly { role: string; organisationId: string }[]): RoleHolding[] {
  const holdings: RoleHolding[] = [];
  for (const { role, organisationId } of assignments) {
    const parsed = roleSchema.safeParse(role);
    if (parsed.success && !holdings.some((h) => h.role === parsed.data && h.organisation === organisationId)) {
      holdings.push({ role: parsed.data, organisation: organisationId });
    }
  }
  return holdings;
}
