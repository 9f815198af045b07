/**
 * Indexation per calendar year (../shared/DOMAIN.md, "The municipal year"): a provisional rate set
 * before the year's budget, a settled rate afterwards (nacalculatie). Requests are validated by
 * ./schemas/indexation.ts.
 */
import type { Actor } from './schemas/actor';

export const indexationStages = ['provisional', 'settled'] as const;
export type IndexationStage = (typeof indexationStages)[number];

export interface IndexationRate {
  percent: number;
  basis: string;
  decidedOn: string;
  by: Actor;
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
