import { z } from 'zod';
import { accountabilityCadenceSchema } from '../glossary';

export const kpiSchema = z.object({
  name: z.string().trim().min(1),
  definition: z.string().trim().min(1),
  measurable: z.boolean(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const extensionOptionsSchema = z.object({
  count: z.number().int().min(0).max(10),
  monthsEach: z.number().int().min(1).max(120),
});

export const indexationRuleSchema = z.object({
  rule: z.enum(['caoWageIndex', 'fixedPercent', 'none']),
  /** With 'fixedPercent': the yearly percentage. */
  percent: z.number().min(0).max(20).optional(),
  /** The index or agreement referred to, e.g. "cao Sociaal Werk" or "OVA". */
  reference: z.string().trim().min(1).optional(),
});
export type IndexationRule = z.infer<typeof indexationRuleSchema>;

/** The contract terms a tender fixes; handed to each contract's term workflow at final award. */
export const contractTermsSchema = z.object({
  termYears: z.number().int().min(1).max(20).default(8),
  extensionOptions: extensionOptionsSchema.default({ count: 0, monthsEach: 12 }),
  /** Months after the contract start of the midterm review; default halfway through the term. */
  midtermReviewAfterMonths: z.number().int().min(1).optional(),
  accountabilityCadence: accountabilityCadenceSchema.default('quarterly'),
  kpis: z.array(kpiSchema).default([]),
  /**
   * How the integrated budget (the contract value) is indexed each year; the yearly indexation review
   * weighs it against the wage rises of the sector's collective agreement (cao).
   */
  indexation: indexationRuleSchema.default({ rule: 'caoWageIndex' }),
});
export type ContractTerms = z.infer<typeof contractTermsSchema>;
