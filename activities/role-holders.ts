/**
 * Who a notification goes to when it is sent: the holders, that day, of the roles it is addressed to
 * (the role directory), each once. An organisation the directory does not know at all keeps the
 * addresses the workflow had from the launch; a known role nobody holds that day reaches nobody.
 */
import { holdersOn, type RoleHolder, roleKey } from '../db/directory';
import type { PrismaClient } from '../db/client';
import type { IsoDate } from '../domain/dates';
import { type RoleRef, uniqueAddresses } from '../domain/directory';
import { roleLabels } from '../domain/glossary';
import type { AddressedRole } from './schemas/notification';

export interface ResolvedRecipients {
  /** Every address, each once (lower case). */
  to: string[];
  /** Per addressed role, in order: who it reaches (holders, or the launch's addresses for an unknown organisation). */
  perRole: { role: AddressedRole; recipients: RoleHolder[] }[];
  /** Known roles with no holder that day. */
  unowned: RoleRef[];
}

export async function resolveRecipients(prisma: PrismaClient, addressedTo: readonly AddressedRole[], fallback: readonly string[], day: IsoDate): Promise<ResolvedRecipients> {
  const { knownOrganisations, holders } = await holdersOn(prisma, addressedTo, day);
  const perRole = addressedTo.map((role) => ({
    role,
    recipients: knownOrganisations.has(role.organisation)
      ? (holders.get(roleKey(role)) ?? [])
      : (role.stakeholderAddresses ?? fallback).map((email) => ({ email, name: null })),
  }));
  const unowned = perRole.filter((r) => r.recipients.length === 0 && knownOrganisations.has(r.role.organisation)).map((r) => ({ role: r.role.role, organisation: r.role.organisation }));
  return { to: uniqueAddresses(perRole.flatMap((r) => r.recipients.map((h) => h.email))), perRole, unowned };
}

/** Why a notification reached nobody: the roles without a holder that day, in words. */
export function nobodyHoldsReason(unowned: readonly RoleRef[], day: IsoDate): string {
  const roles = unowned.map((r) => `${r.role} (${roleLabels[r.role]}) of ${r.organisation}`).join(', ');
  return `Nobody holds ${roles} on ${day} in the role directory: the notification was not sent (assign the role to send the next ones)`;
}
