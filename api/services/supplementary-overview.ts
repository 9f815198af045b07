/**
 * The overview of supplementary assignments, read from their records (db/supplementary-overview.ts): per
 * contract for both its parties, and across a commissioner's contracts for that commissioner's contract
 * managers and managers only (the overview rules of domain/access.ts).
 */
import { OVERVIEW_ROLES } from '../../domain/access';
import { type SupplementaryOverview, supplementaryOverview } from '../../db/supplementary-overview';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { badRequest, forbidden } from '../errors';
import { overviewScope } from './overview-scope';
import { visibleContract } from './visible-records';

/** One contract's numbers: by source and theme, side-steering, budgets (404 unless the principal sees the contract). */
export async function contractSupplementaryOverview(deps: ApiDeps, principal: Principal, { contractId, year }: { contractId: string; year?: number }): Promise<SupplementaryOverview> {
  const row = await visibleContract(deps, principal, contractId);
  return supplementaryOverview(deps.prisma, { contractId: row.id, ...(year === undefined ? {} : { year }) });
}

/**
 * Across all contracts of a commissioner: for its contract managers and managers (403 otherwise, naming the
 * roles). Without a commissioner, the one organisation whose overviews the principal reads; a principal
 * who reads several names one (400).
 */
export async function commissionerSupplementaryOverview(
  { prisma }: ApiDeps,
  principal: Principal,
  { commissioner, year }: { commissioner?: string; year?: number },
): Promise<SupplementaryOverview> {
  const organisations = overviewScope(principal);
  if (commissioner === undefined && organisations.length > 1) throw badRequest('commissioner', `name the commissioner: you read the overviews of ${organisations.join(', ')}`);
  const organisation = commissioner ?? organisations[0]!;
  if (!organisations.includes(organisation)) throw forbidden(`Needs the role ${OVERVIEW_ROLES.join(' or ')} in ${organisation}`);
  return supplementaryOverview(prisma, { commissioner: organisation, ...(year === undefined ? {} : { year }) });
}
