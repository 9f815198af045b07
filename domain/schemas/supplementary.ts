/**
 * Supplementary assignments (aanvullende opdrachten): the inputs of every action on them, validated at
 * the API and again in the workflow (Updates). The Zaanstad evaluation (seed 001) asks for one intake
 * ("met één mond"), a joint panel (gremium) that vets each request against the spirit of the main
 * assignment, small budgets bundled and earmarked, and a yearly flexible amount from past averages.
 * Each schema has a `…RequestSchema` twin for HTTP bodies, where the actor comes from the sign-in.
 */
import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from '../amendment-limits';
import { actorSchema, noActorInBodySchema } from './actor';
import { isoDateSchema } from './dates';

const amountCents = z.number().int().min(1).max(MAX_AMOUNT_CENTS);
const text = (max: number) => z.string().trim().min(1).max(max);
const assignmentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,119}$/, 'an assignment id as regie gave it');

/** Where a request comes from: a municipal department, a national programme, or the contract line itself. */
export const supplementarySourceKinds = ['municipalDepartment', 'nationalProgramme', 'commissioner'] as const;
export const supplementarySourceKindSchema = z.enum(supplementarySourceKinds);
export type SupplementarySourceKind = z.infer<typeof supplementarySourceKindSchema>;

export const supplementarySourceLabels: Record<SupplementarySourceKind, string> = {
  municipalDepartment: 'Gemeentelijke afdeling',
  nationalProgramme: 'Landelijk programma',
  commissioner: 'Opdrachtgever (contractlijn)',
};

/**
 * How an assignment is accounted for: in the contract's accountability conversations (the default), by
 * its own reports, or (once bundled) in its bundle's one regime.
 */
export const reportingRegimes = ['foldedIntoContract', 'own', 'bundle'] as const;
export const reportingRegimeSchema = z.enum(reportingRegimes);
export type ReportingRegime = z.infer<typeof reportingRegimeSchema>;

export const reportingRequirementsSchema = z
  .object({
    /** 'foldedIntoContract' (default) or 'own'; 'bundle' only comes with an approved bundle. */
    regime: z.enum(['foldedIntoContract', 'own']).default('foldedIntoContract'),
    /** With 'own': a report every this many months of the assignment's term, and one at its end. */
    everyMonths: z.number().int().min(1).max(24).optional(),
    /** What the requester asks to be reported, in words. */
    description: text(5_000).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.regime === 'own' && r.everyMonths === undefined) {
      ctx.addIssue({ code: 'custom', path: ['everyMonths'], message: 'own reporting names its cadence: a report every how many months' });
    }
  });
export type ReportingRequirements = z.infer<typeof reportingRequirementsSchema>;

export const periodSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.from <= p.to, { message: 'the period ends on or after its start', path: ['to'] });
export type Period = z.infer<typeof periodSchema>;

/** A request for a supplementary assignment, as it enters the contract's intake. */
const intakeFields = z.object({
  title: text(300),
  /** The theme it belongs to (bundling groups by theme and goal), e.g. "Preventie jeugd". */
  theme: text(200),
  /** The goal it serves, e.g. "Minder schooluitval"; absent: the theme is the goal. */
  goal: text(300).optional(),
  budgetCents: amountCents,
  period: periodSchema,
  reporting: reportingRequirementsSchema.default({ regime: 'foldedIntoContract' }),
  source: z.object({ kind: supplementarySourceKindSchema, name: text(200) }),
  /** Who asked for it (a person or team at the source), as the requester wrote it: not who records it. */
  requestedBy: text(200),
  /**
   * The request reached the provider outside the commissioner's contract line (zijsturing). It is taken
   * in all the same, and counted per source. A provider that records a request always sets it.
   */
  outsideContractLine: z.boolean().default(false),
  /** Its own spending cap (bestedingsruimte), when it has one: adding caps up needs the commissioner's written consent (VNG art. 1.5.8). */
  spendingCapCents: amountCents.optional(),
  /** With a renewal: the assignment it continues. */
  renewalOf: assignmentId.optional(),
});

export const takeInRequestSchema = intakeFields.extend({ by: actorSchema });
export type TakeInRequest = z.infer<typeof takeInRequestSchema>;
export const takeInRequestRequestSchema = intakeFields.omit({ renewalOf: true }).extend({ by: noActorInBodySchema });
export type TakeInRequestRequest = z.infer<typeof takeInRequestRequestSchema>;

/**
 * The joint panel's routes for an accepted request, each with its legal ground: within a change option
 * of the contract (Aw 2012 art. 2.163c, VNG art. 1.4.1), additional services (art. 2.163d, at most 50%
 * of the initial value), de minimis (art. 2.163b, the cumulative check), or a separate contract (a new
 * tender or a grant): the request then leaves the contract with that advice.
 */
export const vettingRoutes = ['changeOption', 'additionalServices', 'deMinimis', 'separateContract'] as const;
export const vettingRouteSchema = z.enum(vettingRoutes);
export type VettingRoute = z.infer<typeof vettingRouteSchema>;

export const separateContractAdvice = ['newTender', 'grant'] as const;

const vettingFields = z.object({
  assignmentId,
  decision: z.enum(['accept', 'reject']),
  /** Why: does it fit the spirit of the main assignment? Required either way. */
  reason: text(10_000),
  /** With 'accept': the route. */
  route: vettingRouteSchema.optional(),
  /** With route 'changeOption': the contract's change option used. */
  changeOptionId: z.string().trim().min(1).max(40).optional(),
  /** With route 'separateContract': a new tender or a grant. */
  separateContract: z.enum(separateContractAdvice).optional(),
});

function checkVetting(input: z.infer<typeof vettingFields>, ctx: z.RefinementCtx): void {
  if (input.decision === 'accept' && !input.route) {
    ctx.addIssue({ code: 'custom', path: ['route'], message: 'an accepted request names its route: changeOption (art. 2.163c), additionalServices (art. 2.163d), deMinimis (art. 2.163b) or separateContract' });
  }
  if (input.decision === 'reject' && input.route) ctx.addIssue({ code: 'custom', path: ['route'], message: 'a rejected request has no route' });
  if (input.route === 'changeOption' && !input.changeOptionId) {
    ctx.addIssue({ code: 'custom', path: ['changeOptionId'], message: 'the route changeOption names the contract\'s change option (Aw 2012 art. 2.163c, VNG art. 1.4.1)' });
  }
  if (input.route !== 'changeOption' && input.changeOptionId) ctx.addIssue({ code: 'custom', path: ['changeOptionId'], message: 'a change option belongs to the route changeOption' });
  if (input.route === 'separateContract' && !input.separateContract) {
    ctx.addIssue({ code: 'custom', path: ['separateContract'], message: 'a separate contract is advised as a new tender (newTender) or a grant (grant)' });
  }
  if (input.route !== 'separateContract' && input.separateContract) ctx.addIssue({ code: 'custom', path: ['separateContract'], message: 'this advice belongs to the route separateContract' });
}

export const vetRequestSchema = vettingFields.extend({ by: actorSchema }).superRefine(checkVetting);
export type VetRequest = z.infer<typeof vetRequestSchema>;
export const vetRequestRequestSchema = vettingFields.omit({ assignmentId: true }).extend({ by: noActorInBodySchema }).superRefine((input, ctx) => checkVetting({ ...input, assignmentId: 'x' }, ctx));
export type VetRequestRequest = z.infer<typeof vetRequestRequestSchema>;

/** The provider confirms (or declines) an accepted assignment. */
const confirmationFields = z.object({ confirm: z.boolean(), note: text(5_000).optional() });
export const confirmAssignmentSchema = confirmationFields.extend({ by: actorSchema });
export type ConfirmAssignment = z.infer<typeof confirmAssignmentSchema>;
export const confirmAssignmentRequestSchema = confirmationFields.extend({ by: noActorInBodySchema });
export type ConfirmAssignmentRequest = z.infer<typeof confirmAssignmentRequestSchema>;

/**
 * Before an assignment ends: end it, renew it (a renewal is a new request through the intake and the
 * panel, for the new period and budget), or propose it becomes part of the main assignment at the
 * next tender (promotion at renewal).
 */
export const assignmentEndDecisions = ['end', 'renew', 'promote'] as const;
const endDecisionFields = z.object({
  decision: z.enum(assignmentEndDecisions),
  rationale: text(10_000),
  /** With 'renew': the next period and its budget. */
  renewal: z.object({ period: periodSchema, budgetCents: amountCents }).optional(),
});
function checkEndDecision(input: z.infer<typeof endDecisionFields>, ctx: z.RefinementCtx): void {
  if (input.decision === 'renew' && !input.renewal) ctx.addIssue({ code: 'custom', path: ['renewal'], message: 'a renewal names its next period and budget' });
  if (input.decision !== 'renew' && input.renewal) ctx.addIssue({ code: 'custom', path: ['renewal'], message: 'a period and budget belong to a renewal' });
}
export const decideAssignmentEndSchema = endDecisionFields.extend({ by: actorSchema }).superRefine(checkEndDecision);
export type DecideAssignmentEnd = z.infer<typeof decideAssignmentEndSchema>;
export const decideAssignmentEndRequestSchema = endDecisionFields.extend({ by: noActorInBodySchema }).superRefine(checkEndDecision);
export type DecideAssignmentEndRequest = z.infer<typeof decideAssignmentEndRequestSchema>;

/** At the midterm review (or the renewal evaluation): propose an assignment becomes part of the main assignment. */
const promotionFields = z.object({ assignmentId, rationale: text(10_000) });
export const proposePromotionSchema = promotionFields.extend({ by: actorSchema });
export type ProposePromotion = z.infer<typeof proposePromotionSchema>;
export const proposePromotionRequestSchema = promotionFields.omit({ assignmentId: true }).extend({ by: noActorInBodySchema });
export type ProposePromotionRequest = z.infer<typeof proposePromotionRequestSchema>;

/** One bundle as the manager approves it: the proposal's, or edited. */
export const bundleInputSchema = z.object({
  theme: text(200),
  goal: text(300),
  assignmentIds: z.array(assignmentId).min(2).max(500),
});
export type BundleInput = z.infer<typeof bundleInputSchema>;

const bundlingFields = z.object({
  /** The calendar year the bundling moment is for (its budget year). */
  year: z.number().int().min(2000).max(2100),
  bundles: z.array(bundleInputSchema).max(200),
  note: text(5_000).optional(),
});
function checkBundling(input: z.infer<typeof bundlingFields>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  input.bundles.forEach((bundle, b) =>
    bundle.assignmentIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['bundles', b, 'assignmentIds', i], message: `${id} is in more than one bundle` });
      seen.add(id);
    }),
  );
}
export const approveBundlingSchema = bundlingFields.extend({ by: actorSchema }).superRefine(checkBundling);
export type ApproveBundling = z.infer<typeof approveBundlingSchema>;
export const approveBundlingRequestSchema = bundlingFields.extend({ by: noActorInBodySchema }).superRefine(checkBundling);
export type ApproveBundlingRequest = z.infer<typeof approveBundlingRequestSchema>;

/**
 * The commissioner's written consent to adding spending caps together in a bundle: the provider may add
 * them up only with it and, after a European procedure, only when that is no substantial change under
 * the Aanbestedingswet 2012 (VNG contractstandaard Wmo art. 1.5.8).
 */
const consentFields = z.object({
  bundleId: z.string().trim().min(1).max(160),
  consent: z.boolean(),
  /** The letter or signed decision that holds the consent (written: VNG art. 1.5.8). */
  documentReference: text(500),
  /** After a European procedure: adding the caps up is no substantial change (Aw 2012 art. 2.163a; VNG art. 1.5.8). */
  noSubstantialChange: z.boolean().optional(),
  note: text(5_000).optional(),
});
export const consentToCombinedCapsSchema = consentFields.extend({ by: actorSchema });
export type ConsentToCombinedCaps = z.infer<typeof consentToCombinedCapsSchema>;
export const consentToCombinedCapsRequestSchema = consentFields.omit({ bundleId: true }).extend({ by: noActorInBodySchema });
export type ConsentToCombinedCapsRequest = z.infer<typeof consentToCombinedCapsRequestSchema>;

/** The yearly flexible amount, decided in the budget task for its year. */
const flexibleAmountFields = z.object({
  year: z.number().int().min(2000).max(2100),
  amountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS),
  note: text(5_000).optional(),
});
export const decideFlexibleAmountSchema = flexibleAmountFields.extend({ by: actorSchema });
export type DecideFlexibleAmount = z.infer<typeof decideFlexibleAmountSchema>;
export const decideFlexibleAmountRequestSchema = flexibleAmountFields.extend({ by: noActorInBodySchema });
export type DecideFlexibleAmountRequest = z.infer<typeof decideFlexibleAmountRequestSchema>;

/** A calendar year's spending cap (bestedingsruimte, VNG art. 1.5) of the contract. */
const spendingCapFields = z.object({ year: z.number().int().min(2000).max(2100), capCents: amountCents });
export const setSpendingCapSchema = spendingCapFields.extend({ by: actorSchema });
export type SetSpendingCap = z.infer<typeof setSpendingCapSchema>;
export const setSpendingCapRequestSchema = spendingCapFields.extend({ by: noActorInBodySchema });
export type SetSpendingCapRequest = z.infer<typeof setSpendingCapRequestSchema>;

/** Spending recorded against the year's cap. */
const spendingFields = z.object({
  year: z.number().int().min(2000).max(2100),
  amountCents: amountCents,
  description: text(2_000),
  /** The reference of the invoice or declaration. */
  reference: text(200),
});
export const recordSpendingSchema = spendingFields.extend({ by: actorSchema });
export type RecordSpending = z.infer<typeof recordSpendingSchema>;
export const recordSpendingRequestSchema = spendingFields.extend({ by: noActorInBodySchema });
export type RecordSpendingRequest = z.infer<typeof recordSpendingRequestSchema>;

/** The contract's settings for supplementary assignments (defaults in domain/supplementary/settings.ts). */
const settingsFields = z.object({
  /** Budgets below this are small: the bundling proposal groups them. */
  smallBudgetBelowCents: amountCents.optional(),
  /** The bundling moment, as MM-DD of the year before the budget year; default the budget task's (before the spring note). */
  bundlingMonthDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'a day of the year as MM-DD').optional(),
});
export const configureSupplementarySchema = settingsFields.extend({ by: actorSchema });
export type ConfigureSupplementary = z.infer<typeof configureSupplementarySchema>;
export const configureSupplementaryRequestSchema = settingsFields.extend({ by: noActorInBodySchema });
export type ConfigureSupplementaryRequest = z.infer<typeof configureSupplementaryRequestSchema>;
