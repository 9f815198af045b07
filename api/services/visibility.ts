/**
 * The rules of domain/access.ts as query conditions: what a principal may see of contracts, tenders and
 * tasks, so lists are filtered in PostgreSQL (indexed: contract.provider, the GIN index on
 * contract.commissioners) rather than after reading everything.
 */
import { readingOrganisations } from '../../domain/access';
import { Prisma } from '../../generated/prisma/client';
import type { Principal } from '../auth/principal';

/** The contracts a principal sees: its organisations' as provider, and those made for them. */
export function visibleContracts(principal: Principal): Prisma.ContractWhereInput {
  const organisations = readingOrganisations(principal.holdings);
  return { OR: [{ provider: { in: organisations } }, { commissioners: { hasSome: organisations } }] };
}

/** The tenders a principal sees: those its organisations lead, commission, or are commissioned for. */
export function visibleTenders(principal: Principal): Prisma.TenderWhereInput {
  const organisations = readingOrganisations(principal.holdings);
  return {
    OR: [
      { leadOrganisation: { in: organisations } },
      ...organisations.flatMap((organisation) => [
        { launch: { path: ['commissioners'], array_contains: [{ organisation }] } },
        { launch: { path: ['commissioners'], array_contains: [{ actsFor: [organisation] }] } },
      ]),
    ],
  };
}

/**
 * The same rule for the tender alias `td` in raw SQL: its lead organisation or a commissioner (or a
 * municipality a commissioner acts for) among `organisations`. Written as containment of the launch
 * (`launch @> {"commissioners": [{"organisation": o}]}`, and `{"actsFor": [o]}`), one pair per
 * organisation, so PostgreSQL finds the tenders in the indexes tender_lead_organisation_idx and
 * tender_launch_idx (GIN, jsonb_path_ops) rather than unpacking every tender's launch.
 */
export function tenderSeenBySql(organisations: readonly string[], alias = 'td'): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(tenderSeenConditions(organisations, alias), ' OR ')})`;
}

/**
 * The ids of the tenders `organisations` see (tenderSeenBySql), one SELECT per condition joined by UNION:
 * each reads its own index, where the conditions joined by OR were read as a scan of every tender.
 */
export function tenderIdsSeenBySql(organisations: readonly string[]): Prisma.Sql {
  return Prisma.join(
    tenderSeenConditions(organisations, 'vt').map((condition) => Prisma.sql`SELECT vt."id" FROM "tender" vt WHERE ${condition}`),
    ' UNION ',
  );
}

/** Each way a tender (alias `alias`) is seen by one of `organisations`, as a condition. */
function tenderSeenConditions(organisations: readonly string[], alias: string): Prisma.Sql[] {
  const tender = Prisma.raw(`"${alias}"`);
  const list = [...organisations];
  const named = list.flatMap((organisation) => [
    Prisma.sql`${tender}."launch" @> ${JSON.stringify({ commissioners: [{ organisation }] })}::jsonb`,
    Prisma.sql`${tender}."launch" @> ${JSON.stringify({ commissioners: [{ actsFor: [organisation] }] })}::jsonb`,
  ]);
  return [Prisma.sql`${tender}."lead_organisation" = ANY(${list}::text[])`, ...named];
}

/**
 * The tasks (alias `t`) that `organisations` see, as one condition: their own tasks, and every task on a
 * contract made for them or a tender they lead or commission (domain/access.ts maySeeTask). The
 * definition the task lists (api/services/tasks.ts) are tested against; they read it per way of seeing.
 */
export function tasksSeenBySql(organisations: readonly string[]): Prisma.Sql {
  const list = [...organisations];
  return Prisma.sql`(t."organisation" = ANY(${list}::text[])
    OR EXISTS (SELECT 1 FROM "contract" vc WHERE vc."id" = t."contract_id" AND vc."commissioners" && ${list}::text[])
    OR EXISTS (SELECT 1 FROM "tender" vt WHERE vt."id" = t."tender_id" AND ${tenderSeenBySql(list, 'vt')}))`;
}
