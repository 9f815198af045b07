/** Inputs of the actions on an accountability cycle (Updates), validated at the API and in the workflow. */
import { z } from 'zod';
import { actorSchema, noActorInBodySchema } from './actor';
import { roleSchema } from './glossary';
import { isoDateSchema } from './dates';

const kpiName = z.string().trim().min(1).max(200);

/** A figure for a measurable KPI. A KPI marked not measurable takes a narrative, never a number. */
export const kpiFigureSchema = z.object({
  kpi: kpiName,
  value: z.number().finite(),
});
export type KpiFigure = z.infer<typeof kpiFigureSchema>;

/** The story for a KPI: required for a non-measurable KPI, welcome for a measurable one. */
export const kpiNarrativeSchema = z.object({
  kpi: kpiName,
  text: z.string().trim().min(1).max(20_000),
});
export type KpiNarrative = z.infer<typeof kpiNarrativeSchema>;

/** A follow-up action agreed in the conversation: a task for a role, with its own due date. */
export const followUpSchema = z.object({
  title: z.string().trim().min(1).max(500),
  ownerRole: roleSchema,
  ownerOrganisation: z.string().trim().min(1),
  dueDate: isoDateSchema,
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** The outcome of an accountability conversation (betekenisvol verantwoorden: numbers and the stories behind them). */
export const recordAccountabilityOutcomeSchema = z.object({
  by: actorSchema,
  figures: z.array(kpiFigureSchema).max(200).default([]),
  narratives: z.array(kpiNarrativeSchema).max(200).default([]),
  /** The story behind the numbers. */
  story: z.string().trim().min(1).max(50_000),
  agreements: z.array(z.string().trim().min(1).max(5_000)).max(100).default([]),
  followUps: z.array(followUpSchema).max(100).default([]),
});
export type RecordAccountabilityOutcome = z.infer<typeof recordAccountabilityOutcomeSchema>;
export type RecordAccountabilityOutcomeInput = z.input<typeof recordAccountabilityOutcomeSchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const recordAccountabilityOutcomeRequestSchema = recordAccountabilityOutcomeSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export type RecordAccountabilityOutcomeRequest = z.infer<typeof recordAccountabilityOutcomeRequestSchema>;
