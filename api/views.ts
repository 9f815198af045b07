/** Database rows as the API shows them (dates as ISO dates, money as integer cents). */
import { toIsoDate } from '../domain/dates';
import type { Contract, Task, Tender } from '../generated/prisma/client';

export function tenderSummary(row: Tender) {
  return {
    id: row.id,
    workflowId: row.workflowId,
    title: row.title,
    procurementForm: row.procurementForm,
    leadOrganisation: row.leadOrganisation,
    estimatedValueCents: Number(row.estimatedValueCents),
    contractStart: toIsoDate(row.contractStart),
    termYears: row.termYears,
    phase: row.phase,
    status: row.status,
    launchedAt: row.launchedAt.toISOString(),
    ...(row.cancelledAt ? { cancelledAt: row.cancelledAt.toISOString(), cancelReason: row.cancelReason } : {}),
  };
}

export function taskSummary(row: Task, today: string) {
  const overdue = row.status === 'open' && toIsoDate(row.dueDate) < today;
  return {
    id: row.id,
    workflowId: row.workflowId,
    tenderId: row.tenderId,
    contractId: row.contractId,
    kind: row.kind,
    title: row.title,
    role: row.role,
    organisation: row.organisation,
    dueDate: toIsoDate(row.dueDate),
    status: row.status,
    overdue,
    openedAt: row.openedAt.toISOString(),
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    completedBy: row.completedByRole ? { role: row.completedByRole, organisation: row.completedByOrganisation, name: row.completedByName } : null,
    outcome: row.outcome,
    note: row.note,
  };
}

export function contractSummary(row: Contract) {
  return {
    id: row.id,
    workflowId: row.workflowId,
    tenderId: row.tenderId,
    lotId: row.lotId,
    lotTitle: row.lotTitle,
    commissioner: row.commissioner,
    provider: row.provider,
    valueCents: Number(row.valueCents),
    startDate: toIsoDate(row.startDate),
    endDate: toIsoDate(row.endDate),
    status: row.status,
  };
}
