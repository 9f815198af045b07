import { z } from 'zod';
import { type Role, tenderStepKeys } from '../glossary';
import { DEFAULT_LEGAL_TERMS, STATUTORY_STANDSTILL_DAYS } from '../legal-rules';
import { DEFAULT_REMINDER_DAYS } from '../task-alerts';
import { leadOrganisation } from '../lead-organisation';
import { tenderStep } from '../tender-steps';
import { actorSchema, noActorInBodySchema, stakeholderSchema } from './actor';
import { contractTermsSchema } from './contract-terms';
import { commissionerKindSchema, procurementFormSchema } from './glossary';
import { isoDateSchema } from './dates';

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

export {
  contractTermsSchema,
  extensionOptionsSchema,
  indexationRuleSchema,
  kpiSchema,
  type ContractTerms,
  type IndexationRule,
  type Kpi,
} from './contract-terms';

/** What a tender's launch says, but who launches it. */
const tenderLaunchFields = z
  .object({
    title: z.string().trim().min(3),
    commissioners: z.array(commissionerSchema).min(1),
    procurementForm: procurementFormSchema,
    estimatedValueCents: z.number().int().nonnegative(),
    lots: z.array(lotSchema).min(1),
    contractStart: isoDateSchema,
    /** Tenders may be submitted electronically: the open procedure's period is 5 days shorter (Aw 2012 art. 2.74a). */
    electronicSubmission: z.boolean().default(true),
    /** The documents are free, direct and complete online from the notice on; if not, 5 days longer (Aw 2012 art. 2.72). */
    documentsElectronicallyAvailable: z.boolean().default(true),
    /**
     * The standstill term the tender documents set (VNG tender documents: 20 calendar days). Binding by
     * law only for the European open procedure (Aw 2012 art. 2.127 lid 3: at least 20 days).
     */
    standstillDays: z.number().int().min(0).max(90).default(DEFAULT_LEGAL_TERMS.standstillDays),
    stakeholders: z.array(stakeholderSchema).min(1),
    /**
     * Parts of the main assignment taken over from supplementary assignments of the previous contract,
     * proposed for it at the midterm review or at renewal (GET /contracts/:id/next-tender prefills them).
     */
    includedAssignments: z
      .array(
        z.object({
          fromAssignment: z.string().trim().min(1).max(120),
          title: z.string().trim().min(1).max(300),
          theme: z.string().trim().min(1).max(200),
          goal: z.string().trim().min(1).max(300),
          yearlyValueCents: z.number().int().nonnegative(),
        }),
      )
      .max(200)
      .optional(),
    reminderDaysBefore: z.array(z.number().int().min(1).max(365)).max(5).default([...DEFAULT_REMINDER_DAYS]),
  })
  .extend(contractTermsSchema.shape);

/** Unique lots, the statutory standstill, a midterm within the term, and an owner for every step. */
function checkLaunch(launch: z.infer<typeof tenderLaunchFields>, ctx: z.RefinementCtx): void {
  const ids = launch.lots.map((l) => l.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['lots', i, 'id'], message: `duplicate lot id ${id}` });
  });
  if (launch.procurementForm === 'europeanOpen' && launch.standstillDays < STATUTORY_STANDSTILL_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['standstillDays'],
      message: `at least ${STATUTORY_STANDSTILL_DAYS} calendar days in a European procedure (Aanbestedingswet 2012 art. 2.127 lid 3)`,
    });
  }
  if (launch.midtermReviewAfterMonths !== undefined && launch.midtermReviewAfterMonths >= launch.termYears * 12) {
    ctx.addIssue({ code: 'custom', path: ['midtermReviewAfterMonths'], message: 'must fall within the term' });
  }
  // Every step needs an owner who can be reached: the commissioner roles in the lead organisation.
  // Without commissioners (refused by min(1) above, but refinements still run) there is no lead to check.
  if (launch.commissioners.length === 0) return;
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
}

/** The launch input of a tender preparation, as the workflow takes it. */
export const tenderLaunchSchema = tenderLaunchFields.extend({ launchedBy: actorSchema }).superRefine(checkLaunch);
export type TenderLaunch = z.infer<typeof tenderLaunchSchema>;
export type TenderLaunchInput = z.input<typeof tenderLaunchSchema>;

/** The launch as the HTTP API takes it: who launches comes from the signed-in principal (api/auth/actor.ts). */
export const tenderLaunchRequestSchema = tenderLaunchFields.extend({ launchedBy: noActorInBodySchema }).superRefine(checkLaunch);
export type TenderLaunchRequest = z.infer<typeof tenderLaunchRequestSchema>;
export type TenderLaunchRequestInput = z.input<typeof tenderLaunchRequestSchema>;
