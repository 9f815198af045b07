import { z } from 'zod';
import { isoDateSchema } from '../dates';
import {
  accountabilityCadenceSchema,
  commissionerKindSchema,
  procurementFormSchema,
  type Role,
  tenderStepKeys,
} from '../glossary';
import { DEFAULT_REMINDER_DAYS } from '../task-alerts';
import { tenderStep } from '../tender-steps';
import { actorSchema, stakeholderSchema } from './actor';

export const commissionerSchema = z
  .object({
    organisation: z.string().trim().min(1),
    kind: commissionerKindSchema.default('municipality'),
    /** A purchasing body (e.g. RIGG) buys on behalf of these municipalities. */
    actsFor: z.array(z.string().trim().min(1)).default([]),
  })
  .refine((c) => c.kind !== 'purchasingBody' || c.actsFor.length > 0, {
    message: 'a purchasing body must name the municipalities it acts for',
    path: ['actsFor'],
  });
export type Commissioner = z.infer<typeof commissionerSchema>;

export const lotSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40'),
  title: z.string().trim().min(1),
  area: z.string().trim().min(1),
});
export type Lot = z.infer<typeof lotSchema>;

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

/** The launch input of a tender preparation. */
export const tenderLaunchSchema = z
  .object({
    title: z.string().trim().min(3),
    commissioners: z.array(commissionerSchema).min(1),
    procurementForm: procurementFormSchema,
    estimatedValueCents: z.number().int().nonnegative(),
    lots: z.array(lotSchema).min(1),
    contractStart: isoDateSchema,
    electronicSubmission: z.boolean().default(true),
    stakeholders: z.array(stakeholderSchema).min(1),
    reminderDaysBefore: z.array(z.number().int().min(1).max(365)).max(5).default([...DEFAULT_REMINDER_DAYS]),
    launchedBy: actorSchema,
  })
  .extend(contractTermsSchema.shape)
  .superRefine((launch, ctx) => {
    const ids = launch.lots.map((l) => l.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['lots', i, 'id'], message: `duplicate lot id ${id}` });
    });
    if (launch.midtermReviewAfterMonths !== undefined && launch.midtermReviewAfterMonths >= launch.termYears * 12) {
      ctx.addIssue({ code: 'custom', path: ['midtermReviewAfterMonths'], message: 'must fall within the term' });
    }
    // Every step needs an owner who can be reached: the commissioner roles in the lead organisation.
    const lead = leadOrganisation(launch.commissioners);
    const needed = new Set<Role>(['manager']);
    for (const key of tenderStepKeys) {
      const step = tenderStep(key);
      if (step.perContract !== 'provider') needed.add(step.ownerRole);
    }
    for (const role of needed) {
      if (!launch.stakeholders.some((s) => s.role === role && s.organisation === lead)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stakeholders'],
          message: `no stakeholder with role ${role} in ${lead}: tasks and escalations need an owner who can be reached`,
        });
      }
    }
  });
export type TenderLaunch = z.infer<typeof tenderLaunchSchema>;
export type TenderLaunchInput = z.input<typeof tenderLaunchSchema>;

/** Tasks of the tender are owned by the purchasing body when there is one, else by the first commissioner. */
export function leadOrganisation(commissioners: readonly Commissioner[]): string {
  return (commissioners.find((c) => c.kind === 'purchasingBody') ?? commissioners[0])!.organisation;
}
