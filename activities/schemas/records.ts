/** Inputs of the recording activities: one schema per type, the TypeScript type inferred from it. */
import { z } from 'zod';
import { actorSchema } from '../../domain/schemas/actor';
import { roleSchema, taskStatusSchema } from '../../domain/schemas/glossary';
import { isoDateSchema } from '../../domain/schemas/dates';

const isoDateTime = z.iso.datetime({ offset: true });

/** One row of the audit trail. The id comes from the workflow, so a retried activity writes it once. */
export const eventRecordSchema = z.object({
  id: z.string().min(1),
  workflowId: z.string().min(1),
  tenderId: z.string().optional(),
  contractId: z.string().optional(),
  type: z.string().min(1),
  actor: actorSchema.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
  occurredAt: isoDateTime,
});
export type EventRecord = z.input<typeof eventRecordSchema>;

export const taskRecordSchema = z.object({
  id: z.string().min(1),
  workflowId: z.string().min(1),
  tenderId: z.string().optional(),
  contractId: z.string().optional(),
  kind: z.string().min(1),
  title: z.string().min(1),
  role: roleSchema,
  organisation: z.string().min(1),
  /** The commissioner of the contract, or the lead organisation of the tender (for the overdue overview). */
  commissioner: z.string().min(1).optional(),
  /** The provider of the contract (for the overdue overview). */
  provider: z.string().min(1).optional(),
  dueDate: isoDateSchema,
  status: taskStatusSchema,
  openedAt: isoDateTime,
  escalatedAt: isoDateTime.optional(),
  completion: z
    .object({ at: isoDateTime, by: actorSchema, outcome: z.string(), note: z.string().optional() })
    .optional(),
});
export type TaskRecord = z.input<typeof taskRecordSchema>;

export const recordTaskInputSchema = z.object({ task: taskRecordSchema, event: eventRecordSchema.optional() });
export type RecordTaskInput = z.input<typeof recordTaskInputSchema>;

export const tenderRecordSchema = z.object({
  id: z.string().min(1),
  workflowId: z.string().min(1),
  title: z.string().min(1),
  procurementForm: z.string().min(1),
  leadOrganisation: z.string().min(1),
  estimatedValueCents: z.number().int().nonnegative(),
  contractStart: isoDateSchema,
  termYears: z.number().int().positive(),
  phase: z.string().min(1),
  status: z.string().min(1),
  launch: z.record(z.string(), z.unknown()),
  launchedAt: isoDateTime,
});

export const recordTenderLaunchedInputSchema = z.object({ tender: tenderRecordSchema, event: eventRecordSchema });
export type RecordTenderLaunchedInput = z.input<typeof recordTenderLaunchedInputSchema>;

export const recordTenderStateInputSchema = z.object({
  tenderId: z.string().min(1),
  phase: z.string().min(1),
  status: z.string().min(1),
  contractStart: isoDateSchema.optional(),
  cancelledAt: isoDateTime.optional(),
  cancelReason: z.string().optional(),
  event: eventRecordSchema,
});
export type RecordTenderStateInput = z.input<typeof recordTenderStateInputSchema>;

export const awardRecordSchema = z.object({
  id: z.string().min(1),
  tenderId: z.string().min(1),
  round: z.number().int().positive(),
  lotId: z.string().min(1),
  provider: z.string().min(1),
  providerEmail: z.email(),
  valueCents: z.number().int().positive(),
  decidedAt: isoDateTime,
  standstillEndsAt: isoDateTime,
  status: z.enum(['provisional', 'final', 'withdrawn']),
});

export const recordAwardsInputSchema = z.object({ awards: z.array(awardRecordSchema).min(1), event: eventRecordSchema });
export type RecordAwardsInput = z.input<typeof recordAwardsInputSchema>;

export const objectionRecordSchema = z.object({
  id: z.string().min(1),
  tenderId: z.string().min(1),
  awardRound: z.number().int().positive(),
  lotId: z.string().optional(),
  organisation: z.string().min(1),
  reason: z.string().min(1),
  registeredAt: isoDateTime,
  status: z.enum(['pending', 'rejected', 'withdrawn', 'upheld']),
  resolvedAt: isoDateTime.optional(),
  resolution: z.string().optional(),
});

export const recordObjectionInputSchema = z.object({ objection: objectionRecordSchema, event: eventRecordSchema });
export type RecordObjectionInput = z.input<typeof recordObjectionInputSchema>;

export const contractRecordSchema = z.object({
  id: z.string().min(1),
  workflowId: z.string().min(1),
  tenderId: z.string().optional(),
  lotId: z.string().min(1),
  lotTitle: z.string().min(1),
  commissioner: z.string().min(1),
  provider: z.string().min(1),
  valueCents: z.number().int().nonnegative(),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  status: z.string().min(1),
  terms: z.record(z.string(), z.unknown()),
  /**
   * Every organisation the contract is made for (domain/access.ts contractCommissioners). Optional: the
   * workflows do not send it; the activity then reads it from the tender's launch.
   */
  commissioners: z.array(z.string().min(1)).optional(),
});

export const recordContractInputSchema = z.object({ contract: contractRecordSchema, event: eventRecordSchema });
export type RecordContractInput = z.input<typeof recordContractInputSchema>;

export const recordContractStatusInputSchema = z.object({
  contractId: z.string().min(1),
  status: z.string().min(1),
  endDate: isoDateSchema.optional(),
  event: eventRecordSchema,
});
export type RecordContractStatusInput = z.input<typeof recordContractStatusInputSchema>;
