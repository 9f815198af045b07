/**
 * Response schemas of the supplementary-assignment routes (api/routes/supplementary*.ts), for the OpenAPI
 * document and the serializer (which validates every answer against them: a mismatch is a 500). The views
 * are TypeScript interfaces in domain/supplementary/types.ts and workflows/supplementary-assignment/
 * supplementary-definitions.ts; the type assertions after each schema make tsc fail when the two drift apart.
 */
import { z } from 'zod';
import type { SupplementaryOverview } from '../../db/supplementary-overview';
import { actorSchema } from '../../domain/schemas/actor';
import { assignmentEndDecisions, reportingRegimeSchema, separateContractAdvice, supplementarySourceKindSchema, vettingRouteSchema } from '../../domain/schemas/supplementary';
import {
  assignmentStatuses,
  type BundleProposal,
  type FlexibleAmountProposal,
  type SupplementaryAssignment,
  type SupplementaryBundle,
  type SupplementarySettings,
  type SupplementaryYear,
  type VettingOutcome,
} from '../../domain/supplementary/types';
import type { PendingBundling, SupplementaryAssignmentState, SupplementaryPortfolioView } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { changeGroundAssessmentSchema, supervisedTaskViewSchema } from './workflow-views';
import { isoDateSchema } from '../../domain/schemas/dates';

/** True when A and B are assignable to each other (optional `?: T` and `?: T | undefined` count as the same). */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

const cents = z.number().int();

/** An assignment id as regie gives it (`<contractId>-sa-<n>`), as in a path. */
export const assignmentIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,119}$/, 'an assignment id as regie gave it');
/** A bundle id as regie gives it (`<contractId>-bundle-<year>-<n>`), as in a path. */
export const bundleIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,159}$/, 'a bundle id as regie gave it');

export const assignmentStatusSchema = z.enum(assignmentStatuses);

const periodViewSchema = z.object({ from: isoDateSchema, to: isoDateSchema });

export const vettingOutcomeSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  reason: z.string(),
  route: vettingRouteSchema.optional(),
  ground: changeGroundAssessmentSchema.shape.ground.optional(),
  assessment: changeGroundAssessmentSchema.optional(),
  separateContract: z.enum(separateContractAdvice).optional(),
  decidedOn: isoDateSchema,
  by: actorSchema,
});
type _VettingOutcome = Assert<Agree<z.output<typeof vettingOutcomeSchema>, VettingOutcome>>;

export const supplementaryAssignmentSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  title: z.string(),
  theme: z.string(),
  goal: z.string(),
  budgetCents: cents,
  period: periodViewSchema,
  reporting: z.object({
    regime: z.enum(['foldedIntoContract', 'own']),
    everyMonths: z.number().int().optional(),
    description: z.string().optional(),
  }),
  regime: reportingRegimeSchema,
  source: z.object({ kind: supplementarySourceKindSchema, name: z.string() }),
  requestedBy: z.string(),
  sideSteering: z.boolean().describe('Reached the provider outside the commissioner\'s contract line (zijsturing)'),
  spendingCapCents: cents.optional(),
  renewalOf: z.string().optional(),
  receivedOn: isoDateSchema,
  recordedBy: actorSchema,
  status: assignmentStatusSchema,
  vetting: vettingOutcomeSchema.optional(),
  confirmation: z.object({ confirm: z.boolean(), note: z.string().optional(), on: isoDateSchema, by: actorSchema }).optional(),
  bundleId: z.string().optional(),
  promotion: z.object({ occasion: z.enum(['midtermReview', 'renewal']), rationale: z.string(), on: isoDateSchema, by: actorSchema }).optional(),
  endDecision: z
    .object({ decision: z.enum(assignmentEndDecisions), rationale: z.string(), on: isoDateSchema, by: actorSchema, renewedAs: z.string().optional() })
    .optional(),
});
type _SupplementaryAssignment = Assert<Agree<z.output<typeof supplementaryAssignmentSchema>, SupplementaryAssignment>>;

export const supplementaryBundleSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  year: z.number().int(),
  theme: z.string(),
  goal: z.string(),
  assignmentIds: z.array(z.string()),
  budgetCents: cents,
  combinesSpendingCaps: z.boolean().describe("Two or more of its assignments have their own spending cap: adding them up needs the commissioner's written consent (VNG art. 1.5.8)"),
  status: z.enum(['awaitingConsent', 'earmarked', 'consentRefused']),
  consent: z
    .object({ consent: z.boolean(), documentReference: z.string(), noSubstantialChange: z.boolean().optional(), note: z.string().optional(), on: isoDateSchema, by: actorSchema })
    .optional(),
  approvedOn: isoDateSchema,
  approvedBy: actorSchema,
});
type _SupplementaryBundle = Assert<Agree<z.output<typeof supplementaryBundleSchema>, SupplementaryBundle>>;

export const bundleProposalSchema = z.object({
  contractId: z.string(),
  theme: z.string(),
  goal: z.string(),
  assignmentIds: z.array(z.string()),
  budgetCents: cents,
  combinesSpendingCaps: z.boolean(),
});
type _BundleProposal = Assert<Agree<z.output<typeof bundleProposalSchema>, BundleProposal>>;

export const flexibleAmountProposalSchema = z.object({
  year: z.number().int(),
  basis: z.array(z.object({ year: z.number().int(), cents })),
  averageCents: z.number(),
  spreadCents: z.number().describe('Standard deviation (population) over the basis years'),
  minCents: z.number(),
  maxCents: z.number(),
  proposedCents: z.number().describe('The average, rounded to whole euros; 0 without history'),
});
type _FlexibleAmountProposal = Assert<Agree<z.output<typeof flexibleAmountProposalSchema>, FlexibleAmountProposal>>;

export const supplementaryYearSchema = z.object({
  year: z.number().int(),
  flexibleAmount: z
    .object({ amountCents: cents, decidedOn: isoDateSchema, by: actorSchema, proposal: flexibleAmountProposalSchema, note: z.string().optional() })
    .optional(),
  drawnCents: cents,
  spendingCap: z.object({ capCents: cents, setOn: isoDateSchema, by: actorSchema }).optional(),
  spentCents: cents,
  capAlert: z
    .object({ reachedOn: isoDateSchema, percent: z.number(), consultationDue: isoDateSchema, decisionDue: isoDateSchema })
    .optional()
    .describe('Set when spending first reached 70% of the cap (VNG art. 1.5)'),
});
type _SupplementaryYear = Assert<Agree<z.output<typeof supplementaryYearSchema>, SupplementaryYear>>;

export const supplementarySettingsSchema = z.object({ smallBudgetBelowCents: cents, bundlingMonthDay: z.string() });
type _SupplementarySettings = Assert<Agree<z.output<typeof supplementarySettingsSchema>, SupplementarySettings>>;

const pendingBundlingSchema = z.object({
  year: z.number().int(),
  taskId: z.string(),
  dueDate: isoDateSchema,
  proposals: z.array(bundleProposalSchema),
  flexibleAmount: flexibleAmountProposalSchema,
});
type _PendingBundling = Assert<Agree<z.output<typeof pendingBundlingSchema>, PendingBundling>>;

export const supplementaryPortfolioSchema = z.object({
  contractId: z.string(),
  settings: supplementarySettingsSchema,
  assignments: z.array(supplementaryAssignmentSchema),
  bundles: z.array(supplementaryBundleSchema),
  years: z.array(supplementaryYearSchema),
  pendingBundling: z.array(pendingBundlingSchema),
  flexibleAmountProposal: flexibleAmountProposalSchema,
});
type _SupplementaryPortfolio = Assert<Agree<z.output<typeof supplementaryPortfolioSchema>, SupplementaryPortfolioView>>;

export const supplementaryAssignmentStateSchema = z.object({
  assignment: supplementaryAssignmentSchema,
  tasks: z.array(supervisedTaskViewSchema),
});
type _SupplementaryAssignmentState = Assert<Agree<z.output<typeof supplementaryAssignmentStateSchema>, SupplementaryAssignmentState>>;

// --- The overview (db/supplementary-overview.ts) ----------------------------------------------------------

const budgetCountSchema = z.object({ count: z.number().int(), totalCents: cents });
const sourceShape = { kind: supplementarySourceKindSchema, name: z.string() };

export const supplementaryOverviewSchema = z.object({
  assignments: budgetCountSchema.describe('Committed assignments: accepted, and not declined, rejected or cancelled'),
  byStatus: z.array(budgetCountSchema.extend({ status: assignmentStatusSchema })),
  bySource: z.array(budgetCountSchema.extend({ ...sourceShape, sideSteering: z.number().int() })).describe('Committed assignments per source, largest budget first'),
  byTheme: z.array(budgetCountSchema.extend({ theme: z.string() })),
  sideSteering: z
    .object({ count: z.number().int(), bySource: z.array(z.object({ ...sourceShape, count: z.number().int() })) })
    .describe('Every request taken in outside the contract line (zijsturing), whatever became of it'),
  bundled: budgetCountSchema.extend({ bundles: z.number().int() }),
  loose: budgetCountSchema,
  regimesInForce: z.array(z.object({ regime: reportingRegimeSchema, count: z.number().int() })),
  flexibleAmount: z.array(z.object({ year: z.number().int(), decidedCents: cents.nullable(), drawnCents: cents, leftCents: cents.nullable() })),
  promoted: budgetCountSchema,
});
type _SupplementaryOverview = Assert<Agree<z.output<typeof supplementaryOverviewSchema>, SupplementaryOverview>>;
