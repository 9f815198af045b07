/**
 * Indexation per calendar year (../shared/DOMAIN.md, "The municipal year"): a provisional rate set
 * before the year's budget, a settled rate afterwards (nacalculatie), usually a mix of a wage index
 * (OVA or the sector's cao) and a price index. Validated at the API and in the workflow.
 */
import { z } from 'zod';
import { actorSchema, noActorInBodySchema } from './actor';
import { indexationStages } from '../indexation';

export const indexationStageSchema = z.enum(indexationStages);

export const recordIndexationRateSchema = z.object({
  by: actorSchema,
  /** The calendar year the rate applies to. */
  year: z.number().int().min(2000).max(2100),
  stage: indexationStageSchema,
  /** The yearly rate in percent, e.g. 3.15; negative when prices fall. */
  percent: z.number().min(-20).max(30).multipleOf(0.01),
  /** How it is made up, e.g. "70% OVA 2028 (3,4%) + 30% CPI (2,2%)". */
  basis: z.string().trim().min(1).max(2000),
});
export type RecordIndexationRate = z.infer<typeof recordIndexationRateSchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const recordIndexationRateRequestSchema = recordIndexationRateSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export type RecordIndexationRateRequest = z.infer<typeof recordIndexationRateRequestSchema>;
