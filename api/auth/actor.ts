/**
 * The actor of an action: who the signed-in principal acts as. Never taken from a request body: the role
 * is one the principal holds today within the organisation the action belongs to, among the roles the
 * action allows (the workflow checks again, and decides); the name and the principal (for the audit trail,
 * `event.actor_principal`) come from the session or API token.
 */
import { roleToActAs } from '../../domain/access';
import type { Role } from '../../domain/glossary';
import type { Actor } from '../../domain/schemas/actor';
import { forbidden } from '../errors';
import type { Principal } from './principal';

/**
 * The actor for an action of `organisation` that `allowedRoles` may take (the first one held, in their
 * order). A principal that holds none of them is refused (403, naming the roles needed): call this only
 * after checking the principal may see the thing (404 otherwise).
 */
export function actorFor(principal: Principal, organisation: string, allowedRoles: readonly Role[]): Actor {
  const role = roleToActAs(principal.holdings, organisation, allowedRoles);
  if (!role) throw forbidden(`Needs the role ${describeRoles(allowedRoles)} in ${organisation}`);
  return { role, organisation, name: principal.name, principal: principal.label };
}

function describeRoles(roles: readonly Role[]): string {
  return roles.length <= 1 ? (roles[0] ?? '(none)') : `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}`;
}
