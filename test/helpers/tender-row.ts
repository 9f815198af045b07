import { toUtcDate } from '../../domain/dates';
import type { Prisma } from '../../generated/prisma/client';

/** A tender row for tests that write rows straight into the database (who sees what, by its lead and launch). */
export function tenderRow(id: string, leadOrganisation: string, launch: object): Prisma.TenderUncheckedCreateInput {
  return {
    id,
    workflowId: `wf-${id}`,
    title: id,
    procurementForm: 'europeanOpen',
    leadOrganisation,
    estimatedValueCents: 1_000_000_00n,
    contractStart: toUtcDate('2027-01-01'),
    termYears: 8,
    phase: 'completed',
    status: 'active',
    launch,
    launchedAt: new Date(),
  };
}
