/**
 * Indexation per calendar year (../shared/DOMAIN.md, "The municipal year"): a provisional rate set
 * before the year's budget, a settled rate afterwards (nacalculatie), usually a mix of a wage index
 * (OVA or the sector's cao) and a price index. Validated at the API and in the workflow.
 */
import { z } from 'zod';
import { actorSchema, noActorInBodySchema } from './actor';

export const indexationStages = ['provisional', 'settled'] as const;
export const indexationStageSchema = z.enum(indexationStages);
export type IndexationStage = z.infer<typeof indexationStageSchema>;

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

export interface IndexationRate {
  percent: number;
  basis: string;
  decidedOn: string;
  by: z.infer<typeof actorSchema>;
}

/** One calendar year's indexation: provisional, settled, and what the settlement changes. */
export interface IndexationYear {
  year: number;
  provisional?: IndexationRate;
  settled?: IndexationRate;
  /** Settled minus provisional, in percentage points, once both are known. */
  settlementPercentagePoints?: number;
}

/** The year with `rate` recorded at `stage`; the settlement difference once both are known. */
export function withIndexationRate(year: IndexationYear | undefined, yearNumber: number, stage: IndexationStage, rate: IndexationRate): IndexationYear {
  const next: IndexationYear = { ...(year ?? { year: yearNumber }), [stage]: rate };
  if (next.provisional && next.settled) {
    next.settlementPercentagePoints = Math.round((next.settled.percent - next.provisional.percent) * 100) / 100;
  }
  return next;
}
