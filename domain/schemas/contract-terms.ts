import { z } from 'zod';
import { accountabilityCadenceSchema } from './glossary';

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


/**
 * A change option written in the contract (VNG contractstandaard Wmo art. 1.4.1): its nature, its
 * extent and the conditions for using it. A change within one is a foreseen change (review clause,
 * Aw 2012 art. 2.163c), lawful whatever its size, as long as it stays within the extent written here.
 */
export const changeOptionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40'),
    /** The nature of the change, e.g. "uitbreiding inzet preventieteams". */
    nature: z.string().trim().min(1).max(2_000),
    /** The extent: the net value change all uses of the option together may reach, in cents (absolute). */
    maxValueChangeCents: z.number().int().min(1).max(1_000_000_000_000).optional(),
    /** The extent as a share of the initial value: the net change all uses together may reach, in percent. */
    maxPercentOfInitial: z.number().positive().max(100).optional(),
    /** When the option may be used, e.g. "bij een stijging van het aantal meldingen met meer dan 20%". */
    conditions: z.string().trim().min(1).max(5_000),
  })
  .refine((o) => o.maxValueChangeCents !== undefined || o.maxPercentOfInitial !== undefined, {
    message: 'a change option states its extent: maxValueChangeCents or maxPercentOfInitial (VNG art. 1.4.1; Aw 2012 art. 2.163c)',
    path: ['maxValueChangeCents'],
  });
export type ChangeOption = z.infer<typeof changeOptionSchema>;

/** The parties of a contract, as they act on it: the commissioner (opdrachtgever) or the provider (opdrachtnemer). */
export type ContractParty = 'commissioner' | 'provider';

const noticeMonthsSchema = z.number().int().min(1).max(60);

/**
 * Ending the contract before its end date (VNG contractstandaard Wmo art. 1.3.4), one of three options
 * the contract chooses: 'none' (option 1: no party may end it early, only via art. 1.4.2 and the
 * other articles it names), 'commissioner' (option 2: the municipality may, in writing, with its notice
 * of [n] calendar months; the provider may not), 'both' (option 3: both may, each with its own notice,
 * the provider under the conditions written here).
 */
export const earlyTerminationSchema = z.discriminatedUnion('option', [
  z.object({ option: z.literal('none') }),
  z.object({ option: z.literal('commissioner'), commissionerNoticeMonths: noticeMonthsSchema }),
  z.object({
    option: z.literal('both'),
    commissionerNoticeMonths: noticeMonthsSchema,
    providerNoticeMonths: noticeMonthsSchema,
    providerConditions: z.string().trim().min(1).max(5_000).optional(),
  }),
]);
export type EarlyTermination = z.infer<typeof earlyTerminationSchema>;

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
  /** The contract's own change options (VNG art. 1.4.1), each a foreseen change under Aw 2012 art. 2.163c. */
  changeOptions: z
    .array(changeOptionSchema)
    .max(50)
    .refine((options) => new Set(options.map((o) => o.id)).size === options.length, { message: 'change option ids must be unique' })
    .optional(),
  /** Who may end the contract early, with which notice (VNG art. 1.3.4); absent: option 1, nobody. */
  earlyTermination: earlyTerminationSchema.optional(),
});
export type ContractTerms = z.infer<typeof contractTermsSchema>;
