/**
 * Who holds a role: tasks go to roles within an organisation, never to one person. A notification is
 * addressed to roles; from the `notify-role-holders` patch on, the activity sends it to whoever the role
 * directory says holds them on the day it is sent. The launch's stakeholders still give `to`: the
 * addresses for an organisation the directory does not know, and whether there is anyone to tell at all.
 */
import { patched } from '@temporalio/workflow';
import type { AddressedRole } from '../../activities/schemas/notification';
import type { RoleRef } from '../../domain/directory';
import type { Role } from '../../domain/glossary';
import type { Stakeholder } from '../../domain/schemas/actor';

/** Notifications name the roles they are for, resolved to the role directory's holders when sent. */
export const NOTIFY_ROLE_HOLDERS_PATCH = 'notify-role-holders';

export function recipientsOf(stakeholders: readonly Stakeholder[], role: Role, organisation: string): string[] {
  return [...new Set(stakeholders.filter((s) => s.role === role && s.organisation === organisation).map((s) => s.email))];
}

/** The launch's addresses of a role in an organisation (recipientsOf, bound to a workflow's stakeholders). */
export type RecipientsOf = (role: Role, organisation: string) => string[];

export interface Addressing {
  /** The launch's stakeholders holding the roles, each once. */
  to: string[];
  /** The roles, for the activity to resolve when it sends (absent before the patch). */
  addressedTo?: AddressedRole[];
}

/**
 * A notification's addressees for these roles: `to` from the launch, each once; `addressedTo` (with each
 * role's own launch addresses) once the workflow has taken the `notify-role-holders` patch. Call it only
 * where the notification is then sent (it marks the patch in the history).
 */
export function addressRoles(recipients: RecipientsOf, roles: readonly RoleRef[]): Addressing {
  const to = [...new Set(roles.flatMap((r) => recipients(r.role, r.organisation)))];
  if (to.length === 0 || !patched(NOTIFY_ROLE_HOLDERS_PATCH)) return { to };
  return { to, addressedTo: roles.map((r) => ({ role: r.role, organisation: r.organisation, stakeholderAddresses: recipients(r.role, r.organisation) })) };
}
