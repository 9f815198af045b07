/**
 * Contract rows and supplementary snapshots as the contract term's workflow holds them, for the tests
 * and the benchmark of the supplementary records (activities/record-supplementary.ts,
 * db/supplementary-overview.ts).
 */
import type { Actor } from '../../domain/schemas/actor';
import type { SupplementaryAssignment, SupplementaryBundle, SupplementaryYear } from '../../domain/supplementary/types';
import type { Prisma } from '../../generated/prisma/client';

export const managerOf = (organisation: string): Actor => ({ role: 'contractManager', organisation, name: 'Contractmanager' });

export function contractRow(id: string, commissioners: string[], provider = 'Aanbieder Jeugd'): Prisma.ContractUncheckedCreateInput {
  return {
    id,
    workflowId: `contract-term-${id}`,
    lotId: 'perceel-1',
    lotTitle: 'Jeugdhulp ambulant',
    commissioner: commissioners[0]!,
    commissioners,
    provider,
    valueCents: 500_000_000n,
    startDate: new Date('2027-01-01'),
    endDate: new Date('2030-12-31'),
    status: 'active',
    terms: {},
  };
}

/** An accepted, running assignment of `budgetCents`; override what the case is about. */
export function supplementaryAssignment(contractId: string, sequence: number, overrides: Partial<SupplementaryAssignment> = {}): SupplementaryAssignment {
  const by = managerOf('Gemeente Zaanstad');
  return {
    id: `${contractId}-sa-${sequence}`,
    contractId,
    title: `Aanvullende opdracht ${sequence}`,
    theme: 'Preventie jeugd',
    goal: 'Minder schooluitval',
    budgetCents: 2_500_000,
    period: { from: '2027-03-01', to: '2027-12-31' },
    reporting: { regime: 'foldedIntoContract' },
    regime: 'foldedIntoContract',
    source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' },
    requestedBy: 'Team Leerplicht',
    sideSteering: false,
    receivedOn: '2027-01-15',
    recordedBy: by,
    status: 'active',
    vetting: {
      decision: 'accept',
      reason: 'Past binnen de geest van de hoofdopdracht.',
      route: 'deMinimis',
      ground: { basis: 'deMinimis', article: 'Aw 2012 art. 2.163b' },
      decidedOn: '2027-02-01',
      by,
    },
    ...overrides,
  };
}

export function supplementaryBundle(contractId: string, year: number, sequence: number, assignmentIds: string[], budgetCents: number): SupplementaryBundle {
  const by = managerOf('Gemeente Zaanstad');
  return {
    id: `${contractId}-bundle-${year}-${sequence}`,
    contractId,
    year,
    theme: 'Preventie jeugd',
    goal: 'Minder schooluitval',
    assignmentIds,
    budgetCents,
    combinesSpendingCaps: false,
    status: 'earmarked',
    approvedOn: `${year - 1}-10-01`,
    approvedBy: by,
  };
}

export function supplementaryYear(year: number, { decidedCents, drawnCents }: { decidedCents?: number; drawnCents: number }): SupplementaryYear {
  const by = managerOf('Gemeente Zaanstad');
  return {
    year,
    ...(decidedCents === undefined
      ? {}
      : {
          flexibleAmount: {
            amountCents: decidedCents,
            decidedOn: `${year - 1}-11-01`,
            by,
            proposal: { year, basis: [], averageCents: 0, spreadCents: 0, minCents: 0, maxCents: 0, proposedCents: 0 },
          },
        }),
    drawnCents,
    spentCents: 0,
  };
}
