/** Inputs of the actions on a running tender (Updates), validated at the API and in the workflow. */
import { z } from 'zod';
import { actorSchema, noActorInBodySchema } from './actor';
import { objectionOutcomeSchema, tenderStepKeySchema } from './glossary';
import { isoDateSchema } from './dates';

export const completeTaskSchema = z.object({
  taskId: z.string().min(1),
  by: actorSchema,
  outcome: z.string().trim().min(1).max(2000),
  note: z.string().trim().max(10_000).optional(),
});
export type CompleteTask = z.infer<typeof completeTaskSchema>;

export const awardedLotSchema = z.object({
  lotId: z.string().min(1),
  provider: z.string().trim().min(1),
  providerEmail: z.email(),
  valueCents: z.number().int().positive(),
});

export const registerAwardSchema = z.object({
  by: actorSchema,
  lots: z.array(awardedLotSchema).min(1),
  note: z.string().trim().max(10_000).optional(),
});
export type RegisterAward = z.infer<typeof registerAwardSchema>;

export const registerObjectionSchema = z.object({
  by: actorSchema,
  lotId: z.string().min(1).optional(),
  reason: z.string().trim().min(1).max(10_000),
});
export type RegisterObjection = z.infer<typeof registerObjectionSchema>;

export const resolveObjectionSchema = z.object({
  objectionId: z.string().min(1),
  by: actorSchema,
  outcome: objectionOutcomeSchema,
  note: z.string().trim().min(1).max(10_000),
});
export type ResolveObjection = z.infer<typeof resolveObjectionSchema>;

export const shiftDeadlineSchema = z.object({
  stepKey: tenderStepKeySchema,
  newDueDate: isoDateSchema,
  reason: z.string().trim().min(1).max(10_000),
  by: actorSchema,
});
export type ShiftDeadline = z.infer<typeof shiftDeadlineSchema>;

export const cancelTenderSchema = z.object({
  reason: z.string().trim().min(1).max(10_000),
  by: actorSchema,
});
export type CancelTender = z.infer<typeof cancelTenderSchema>;

// The request bodies of the HTTP API: the actor (`by`) comes from the signed-in principal, never from the body.
export const completeTaskRequestSchema = completeTaskSchema.omit({ taskId: true, by: true }).extend({ by: noActorInBodySchema });
export const registerAwardRequestSchema = registerAwardSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export const registerObjectionRequestSchema = registerObjectionSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export const resolveObjectionRequestSchema = resolveObjectionSchema.omit({ objectionId: true, by: true }).extend({ by: noActorInBodySchema });
export const shiftDeadlineRequestSchema = shiftDeadlineSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export const cancelTenderRequestSchema = cancelTenderSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export type CompleteTaskRequest = z.infer<typeof completeTaskRequestSchema>;
export type RegisterAwardRequest = z.infer<typeof registerAwardRequestSchema>;
export type RegisterObjectionRequest = z.infer<typeof registerObjectionRequestSchema>;
export type ResolveObjectionRequest = z.infer<typeof resolveObjectionRequestSchema>;
export type ShiftDeadlineRequest = z.infer<typeof shiftDeadlineRequestSchema>;
export type CancelTenderRequest = z.infer<typeof cancelTenderRequestSchema>;
