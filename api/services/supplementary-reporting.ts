/**
 * Reporting folded into the accountability conversations: a supplementary assignment without its own
 * reports (regime 'foldedIntoContract', or its bundle's one regime) is reported on in the contract's
 * accountability report of each period it ran in. The report task lists them; read from the records,
 * the workflows unchanged.
 */
import { z } from 'zod';
import type { ApiDeps } from '../deps';

const periodSchema = z.object({ period: z.object({ from: z.iso.date(), to: z.iso.date() }) });

/** What a provider reports on besides the KPIs. */
export interface FoldedAssignment {
  id: string;
  title: string;
  theme: string;
  goal: string;
  regime: string;
  bundleId: string | null;
  periodFrom: string;
  periodTo: string;
}

/** The assignments an accountability report task covers: those reporting in the conversations that ran during its period. */
export async function foldedAssignmentsOf({ prisma }: ApiDeps, task: { kind: string; contractId: string | null; workflowId: string }): Promise<FoldedAssignment[]> {
  if (task.kind !== 'accountabilityReport' || !task.contractId) return [];
  const started = await prisma.event.findFirst({ where: { contractId: task.contractId, type: 'contract.accountabilityCycleStarted', data: { path: ['workflowId'], equals: task.workflowId } } });
  const parsed = periodSchema.safeParse(started?.data);
  if (!parsed.success) return [];
  const { from, to } = parsed.data.period;
  const rows = await prisma.supplementaryAssignment.findMany({
    where: {
      contractId: task.contractId,
      regime: { in: ['foldedIntoContract', 'bundle'] },
      status: { in: ['confirmed', 'active', 'ended'] },
      periodFrom: { lte: new Date(`${to}T00:00:00Z`) },
      periodTo: { gte: new Date(`${from}T00:00:00Z`) },
    },
    orderBy: [{ periodFrom: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    theme: row.theme,
    goal: row.goal,
    regime: row.regime,
    bundleId: row.bundleId,
    periodFrom: row.periodFrom.toISOString().slice(0, 10),
    periodTo: row.periodTo.toISOString().slice(0, 10),
  }));
}
