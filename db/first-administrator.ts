/**
 * The first administrator: a directory without one cannot be kept by anybody (only an organisation's
 * administrator assigns roles there). At start, when no administrator holds the role today or later,
 * the configured person is made one in the configured organisation, with the roles to try every page.
 */
import type { IsoDate } from '../domain/dates';
import { directoryDay, normaliseEmail } from '../domain/directory';
import type { OrganisationKind, Role } from '../domain/glossary';
import type { PrismaClient } from './client';
import { ensureAssignment, ensureOrganisation, ensurePerson } from './directory';

/** Who made the first administrator's assignments. */
export const BOOTSTRAP_CREATOR = 'bootstrap';

/** The roles of the embedded default's first user: keep the directory, launch tenders, manage contracts, read the overviews. */
export const FIRST_USER_ROLES: readonly Role[] = ['administrator', 'procurementOfficer', 'contractManager', 'manager'];

/** `npm start`'s first user when REGIE_ADMIN_EMAIL and REGIE_ADMIN_ORGANISATION are unset. */
export const EMBEDDED_FIRST_ADMINISTRATOR = { email: 'beheer@gemeente.example', organisation: 'Gemeente Voorbeeld' } as const;

export interface FirstAdministrator {
  email: string;
  organisation: string;
  kind?: OrganisationKind;
  roles?: readonly Role[];
}

/** Whether anyone holds the administrator role on `day` or from a later day, in any organisation. */
async function hasAdministrator(prisma: PrismaClient, day: IsoDate): Promise<boolean> {
  const found = await prisma.roleAssignment.findFirst({
    where: { role: 'administrator', OR: [{ validUntil: null }, { validUntil: { gte: new Date(`${day}T00:00:00.000Z`) } }] },
    select: { id: true },
  });
  return found !== null;
}

/**
 * Makes the first administrator unless the directory has one; returns what it did. Safe to run at
 * every start and by two processes at once (the writes are idempotent).
 */
export async function ensureFirstAdministrator(
  prisma: PrismaClient,
  { email, organisation, kind = 'municipality', roles = ['administrator'] }: FirstAdministrator,
  now = new Date(),
): Promise<{ created: boolean; email: string; organisation: string }> {
  const day = directoryDay(now);
  const address = normaliseEmail(email);
  if (await hasAdministrator(prisma, day)) return { created: false, email: address, organisation };
  await ensureOrganisation(prisma, { id: organisation, kind });
  const person = await ensurePerson(prisma, { email: address });
  for (const role of roles) await ensureAssignment(prisma, { personId: person.id, role, organisation, validFrom: day, createdBy: BOOTSTRAP_CREATOR });
  return { created: true, email: address, organisation };
}
