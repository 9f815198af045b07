/**
 * Seeding the role directory from what the workflows already know: a tender's commissioners and
 * stakeholders at launch, and at final award each provider with its contact. Idempotent: a retried
 * activity finds the organisations, people and assignments it made and adds nothing.
 */
import { z } from 'zod';
import { ensureAssignment, ensureOrganisation, ensurePerson, hasHolderFrom } from '../db/directory';
import type { IsoDate } from '../domain/dates';
import { directoryDay } from '../domain/directory';
import { type OrganisationKind, providerRoles, type Role } from '../domain/glossary';
import { commissionerSchema } from '../domain/schemas/tender-launch';
import { stakeholderSchema } from '../domain/schemas/actor';
import type { PrismaClient } from '../db/client';

/** Who made an assignment that came with a tender's launch. */
export const LAUNCH_CREATOR = 'launch';
/** Who made an assignment that came with a final award (the provider's contact). */
export const AWARD_CREATOR = 'award';

/**
 * The first day of a seeded assignment: the day of the record (the launch, the final award), but never
 * after the day it is written, so that the role is held at once (a workflow's clock may run ahead of the
 * wall clock, as on the time-skipping test server; mail resolves holders by the wall clock).
 */
export function seedingDay(recordedAt: string, now = new Date()): IsoDate {
  const recorded = directoryDay(new Date(recordedAt));
  const today = directoryDay(now);
  return recorded < today ? recorded : today;
}

/** The part of a recorded launch the directory needs. */
const launchDirectorySchema = z.object({
  commissioners: z.array(commissionerSchema),
  stakeholders: z.array(stakeholderSchema),
});

/** An organisation that is not a commissioner is known by the roles its people hold there. */
function kindByRole(role: Role): OrganisationKind {
  return (providerRoles as readonly Role[]).includes(role) ? 'provider' : 'municipality';
}

/**
 * The commissioners (with the municipalities a purchasing body acts for) become organisations, each
 * stakeholder a person holding their role from the launch day, unless they already hold it there.
 */
export async function seedDirectoryFromLaunch(prisma: PrismaClient, launch: unknown, launchDay: IsoDate): Promise<void> {
  const parsed = launchDirectorySchema.safeParse(launch);
  if (!parsed.success) return; // a launch recorded before the directory existed: nothing to seed from
  const { commissioners, stakeholders } = parsed.data;
  for (const commissioner of commissioners) {
    await ensureOrganisation(prisma, { id: commissioner.organisation, kind: commissioner.kind, actsFor: commissioner.actsFor });
    for (const municipality of commissioner.actsFor) await ensureOrganisation(prisma, { id: municipality, kind: 'municipality' });
  }
  for (const stakeholder of stakeholders) {
    await ensureOrganisation(prisma, { id: stakeholder.organisation, kind: kindByRole(stakeholder.role) });
    const person = await ensurePerson(prisma, { email: stakeholder.email, name: stakeholder.name });
    await ensureAssignment(prisma, { personId: person.id, role: stakeholder.role, organisation: stakeholder.organisation, validFrom: launchDay, createdBy: LAUNCH_CREATOR });
  }
}

/**
 * A provider awarded a contract: the organisation (kind provider), its contact as contractContact and,
 * when nobody administers the provider's part of the directory yet, as its administrator too.
 */
export async function seedDirectoryFromAward(prisma: PrismaClient, award: { provider: string; providerEmail: string }, awardDay: IsoDate): Promise<void> {
  await ensureOrganisation(prisma, { id: award.provider, kind: 'provider' });
  const contact = await ensurePerson(prisma, { email: award.providerEmail });
  const seed = { personId: contact.id, organisation: award.provider, validFrom: awardDay, createdBy: AWARD_CREATOR };
  await ensureAssignment(prisma, { ...seed, role: 'contractContact' });
  if (!(await hasHolderFrom(prisma, { role: 'administrator', organisation: award.provider }, awardDay))) {
    await ensureAssignment(prisma, { ...seed, role: 'administrator' });
  }
}
