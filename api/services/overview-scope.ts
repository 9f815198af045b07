import { OVERVIEW_ROLES, overviewOrganisations } from '../../domain/access';
import type { Principal } from '../auth/principal';
import { forbidden } from '../errors';

/** The organisations whose overviews the principal reads (403 when none: the overviews are for commissioner staff). */
export function overviewScope(principal: Principal): string[] {
  const organisations = overviewOrganisations(principal.holdings);
  if (organisations.length === 0) throw forbidden(`Needs the role ${OVERVIEW_ROLES.join(' or ')} in a commissioner organisation`);
  return organisations;
}
