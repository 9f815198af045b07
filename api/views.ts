/** Database rows as the API shows them (dates as ISO dates, money as integer cents). */
import { z } from 'zod';
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

// The same shapes as response schemas for the OpenAPI document. Loose objects: a field added to a view
// is served (and should be added here) rather than cut off by the serializer.
const isoDate = z.string().describe('ISO date, YYYY-MM-DD');
const timestamp = z.string().describe('ISO timestamp');

export const tenderSummarySchema = z.looseObject({
  id: z.string(),
  workflowId: z.string(),
  title: z.string(),
  procurementForm: z.string(),
  leadOrganisation: z.string(),
  estimatedValueCents: z.number().int(),
  contractStart: isoDate,
  termYears: z.number().int(),
  phase: z.string(),
  status: z.string(),
  launchedAt: timestamp,
  cancelledAt: timestamp.optional(),
  cancelReason: z.string().nullable().optional(),
});

export const taskSummarySchema = z.looseObject({
  id: z.string(),
  workflowId: z.string(),
  tenderId: z.string().nullable(),
  contractId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  role: z.string(),
  organisation: z.string(),
  dueDate: isoDate,
  status: z.string(),
  overdue: z.boolean(),
  openedAt: timestamp,
  escalatedAt: timestamp.nullable(),
  completedAt: timestamp.nullable(),
  completedBy: z.looseObject({ role: z.string(), organisation: z.string().nullable(), name: z.string().nullable() }).nullable(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
});

export const contractSummarySchema = z.looseObject({
  id: z.string(),
  workflowId: z.string(),
  tenderId: z.string().nullable(),
  lotId: z.string(),
  lotTitle: z.string(),
  commissioner: z.string(),
  provider: z.string(),
  valueCents: z.number().int(),
  startDate: isoDate,
  endDate: isoDate,
  status: z.string(),
});

/**
 * A view without who signed in to act (`principal`: a person's email or a token's label): both parties read
 * it, and the audit trail (event.actor_principal) is where that belongs. Role, organisation and name stay.
 */
export function withoutPrincipals<T>(view: T): T {
  return JSON.parse(JSON.stringify(view, (key, value: unknown) => (key === 'principal' ? undefined : value))) as T;
}
