/**
 * The roles an organisation's API token may act in: its kind's roles (provider roles for a provider,
 * commissioner roles for a municipality or purchasing body), never `administrator`: the role directory
 * and the tokens themselves are kept by people.
 */
import { commissionerRoles, providerRoles, type OrganisationKind, type Role } from '../../domain/glossary';
import type { Issue } from '../errors';

export function tokenRolesFor(kind: OrganisationKind): readonly Role[] {
  return kind === 'provider' ? providerRoles : commissionerRoles;
}

/** The problems with these roles for an organisation of `kind`, one per role that does not fit (field `roles.<i>`). */
export function tokenRoleIssues(kind: OrganisationKind, roles: readonly Role[]): Issue[] {
  const allowed = tokenRolesFor(kind);
  return roles.flatMap((role, index) => {
    if (allowed.includes(role)) return [];
    const message =
      role === 'administrator'
        ? 'administrator is never given to an API token: people keep the role directory'
        : `${role} is not a role of a ${kind}; allowed: ${allowed.join(', ')}`;
    return [{ field: `roles.${index}`, message }];
  });
}
