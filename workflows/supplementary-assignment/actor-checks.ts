/** Who may act on a supplementary assignment: a role of an organisation, refused naming both. */
import type { Role } from '../../domain/glossary';
import type { Actor } from '../../domain/schemas/actor';
import { refuse } from '../shared/failures';

export function assertActsAs(by: Actor, organisation: string, roles: readonly Role[]): void {
  if (by.organisation !== organisation || !roles.includes(by.role)) {
    throw refuse.forbidden(`Only the ${roles.join(' or ')} of ${organisation} does this, not the ${by.role} of ${by.organisation}`);
  }
}
