/**
 * Response schemas of the routes that answer with a workflow's query or Update result (api/routes/tenders.ts,
 * api/routes/contract-actions.ts), for the OpenAPI document and the serializer (which validates every
 * answer against them: a mismatch is a 500). Built from the zod schemas in domain/ where they exist; the
 * views themselves are TypeScript interfaces in workflows/*-definitions.ts, and the type assertions at
 * the end of each block make tsc fail when a schema and its interface drift apart.
 */
import { z } from 'zod';
import type { AmendmentAssessment } from '../../domain/amendment-limits';
import { type ChangeGroundAssessment, type ChangeTotals } from '../../domain/change-grounds';
import { followUpSchema, kpiFigureSchema, kpiNarrativeSchema } from '../../domain/schemas/accountability';
import { actorSchema, stakeholderSchema } from '../../domain/schemas/actor';
import { indexationRuleSchema } from '../../domain/schemas/contract-terms';
import { midtermDecisionKindSchema, revisionSchema } from '../../domain/schemas/midterm';
import { commissionerSchema, type TenderLaunchInput, tenderLaunchRequestSchema } from '../../domain/schemas/tender-launch';
import type { AccountabilityOutcomeView } from '../../workflows/accountability-cycle/accountability-definitions';
import type { ContractHistorySummary, ContractTermState, ContractTimelineItem, EarlyEnd } from '../../workflows/contract-term/contract-definitions';
import type { MidtermDecisionView, MidtermReviewResult, ProviderResponseView } from '../../workflows/midterm-review/midterm-definitions';
import type { SupervisedTaskView } from '../../workflows/shared/task-supervision';
import type { AwardView, MilestoneView, ObjectionView, TaskView, TenderTimeline } from '../../workflows/tender/tender-definitions';
import { milestoneStatusSchema, roleSchema, taskStatusSchema, tenderPhaseSchema, tenderStepKeySchema } from '../../domain/schemas/glossary';
import { isoDateSchema } from '../../domain/schemas/dates';
import { changeGroundInputSchema, changeGroundSchema } from '../../domain/schemas/change-grounds';
import { scheduleMilestoneKindSchema } from '../../domain/schemas/contract-schedule';
import type { IndexationRate, IndexationYear } from '../../domain/indexation';

/** True when A and B are assignable to each other (optional `?: T` and `?: T | undefined` count as the same). */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

/**
 * A loose object's schema (fields an evolving view may add pass through) typed as the interface it
 * describes: its output must fit the interface, and it must name every field of the interface.
 */
function describing<T>() {
  return <S extends z.ZodObject & z.ZodType<T>>(schema: S & ([Exclude<keyof T, keyof S['shape']>] extends [never] ? unknown : { undescribed: Exclude<keyof T, keyof S['shape']> })) =>
    schema as unknown as z.ZodType<T>;
}

const timestamp = z.string().describe('ISO timestamp');

// --- Tasks (workflows/shared/task-supervision.ts) ---------------------------------------------------------

export const supervisedTaskViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  role: roleSchema,
  organisation: z.string(),
  dueDate: isoDateSchema,
  status: taskStatusSchema,
  lotId: z.string().optional(),
  escalatedAt: timestamp.optional(),
  completedAt: timestamp.optional(),
  completedBy: actorSchema.optional(),
  outcome: z.string().optional(),
  note: z.string().optional(),
});
type _SupervisedTaskView = Assert<Agree<z.output<typeof supervisedTaskViewSchema>, SupervisedTaskView>>;

// --- Tender (workflows/tender/tender-definitions.ts) ------------------------------------------------------

export const tenderTaskViewSchema = supervisedTaskViewSchema.extend({ kind: tenderStepKeySchema });
type _TaskView = Assert<Agree<z.output<typeof tenderTaskViewSchema>, TaskView>>;

export const milestoneViewSchema = z.object({
  key: tenderStepKeySchema,
  label: z.string(),
  owner: z.object({ role: roleSchema, organisation: z.string() }),
  dueDate: isoDateSchema,
  status: milestoneStatusSchema,
  tasks: z.array(tenderTaskViewSchema),
});
type _MilestoneView = Assert<Agree<z.output<typeof milestoneViewSchema>, MilestoneView>>;

export const awardViewSchema = z.object({
  round: z.number().int(),
  decidedAt: timestamp,
  standstillEndsAt: timestamp,
  status: z.enum(['provisional', 'final', 'withdrawn']),
  lots: z.array(z.object({ lotId: z.string(), provider: z.string(), valueCents: z.number().int() })),
});
type _AwardView = Assert<Agree<z.output<typeof awardViewSchema>, AwardView>>;

export const objectionViewSchema = z.object({
  id: z.string(),
  awardRound: z.number().int(),
  lotId: z.string().optional(),
  organisation: z.string(),
  reason: z.string(),
  registeredAt: timestamp,
  status: z.enum(['pending', 'rejected', 'withdrawn', 'upheld']),
  resolvedAt: timestamp.optional(),
  resolution: z.string().optional(),
});
type _ObjectionView = Assert<Agree<z.output<typeof objectionViewSchema>, ObjectionView>>;

export const tenderTimelineSchema = z.object({
  tenderId: z.string(),
  title: z.string(),
  phase: tenderPhaseSchema,
  status: z.enum(['active', 'cancelled', 'completed']),
  contractStart: isoDateSchema,
  milestones: z.array(milestoneViewSchema),
  awards: z.array(awardViewSchema),
  objections: z.array(objectionViewSchema),
  contracts: z.array(z.object({ contractId: z.string(), workflowId: z.string(), lotId: z.string(), provider: z.string() })),
  cancellation: z.object({ reason: z.string(), by: actorSchema, at: timestamp }).optional(),
});
type _TenderTimeline = Assert<Agree<z.output<typeof tenderTimelineSchema>, TenderTimeline>>;

// --- Change grounds (domain/change-grounds.ts, domain/amendment-limits.ts) ------------------------

export const amendmentAssessmentSchema = z.object({
  allowed: z.boolean(),
  cumulativeChangeCents: z.number().int(),
  limitCents: z.number().int(),
  bindingLimit: z.enum(['euThreshold', 'percentOfInitial']),
  percentOfInitial: z.number(),
  percentOfLimit: z.number(),
  remainingCents: z.number().int(),
  warning: z.string().optional(),
  reason: z.string().optional(),
});
type _AmendmentAssessment = Assert<Agree<z.output<typeof amendmentAssessmentSchema>, AmendmentAssessment>>;

export const changeGroundAssessmentSchema = z.object({
  // The recorded ground: the request's fields without its refinements (checked when it was requested), and its article.
  ground: z.object({ ...changeGroundInputSchema.shape, article: z.string() }),
  allowed: z.boolean(),
  cumulativeChangeCents: z.number().int(),
  limitCents: z.number().int().optional(),
  deMinimis: amendmentAssessmentSchema.optional(),
  warning: z.string().optional(),
  reason: z.string().optional(),
  field: z.string().optional(),
  note: z.string().optional(),
});
type _ChangeGroundAssessment = Assert<Agree<z.output<typeof changeGroundAssessmentSchema>, ChangeGroundAssessment>>;

export const changeTotalsSchema = z.object({
  byGround: z.record(changeGroundSchema, z.number().int()),
  byChangeOption: z.record(z.string(), z.number().int()),
});
type _ChangeTotals = Assert<Agree<z.output<typeof changeTotalsSchema>, ChangeTotals>>;

// --- Indexation (domain/schemas/indexation.ts) -----------------------------------------------------

const indexationRateSchema = z.object({ percent: z.number(), basis: z.string(), decidedOn: z.string(), by: actorSchema });
type _IndexationRate = Assert<Agree<z.output<typeof indexationRateSchema>, IndexationRate>>;

export const indexationYearSchema = z.object({
  year: z.number().int(),
  provisional: indexationRateSchema.optional(),
  settled: indexationRateSchema.optional(),
  settlementPercentagePoints: z.number().optional(),
});
type _IndexationYear = Assert<Agree<z.output<typeof indexationYearSchema>, IndexationYear>>;

// --- Contract term (workflows/contract-term/contract-definitions.ts) ---------------------------------------------

const earlyEndSchema = z.object({
  endDate: isoDateSchema,
  reason: z.string(),
  by: z.enum(['commissioner', 'provider']).optional(),
  article: z.string().optional(),
  decidedOn: isoDateSchema.optional(),
});
type _EarlyEnd = Assert<Agree<z.output<typeof earlyEndSchema>, EarlyEnd>>;

/** What the midterm review hands the contract (MidtermReviewResult, workflows/midterm-review/midterm-definitions.ts). */
const midtermReviewResultSchema = describing<MidtermReviewResult>()(z.looseObject({
  decision: midtermDecisionKindSchema,
  rationale: z.string(),
  decidedOn: isoDateSchema,
  revision: revisionSchema.optional(),
  amendmentRecorded: z.boolean(),
  providerEnds: z.boolean(),
  override: z.object({ reason: z.string() }).optional(),
  assessment: amendmentAssessmentSchema.optional(),
  ground: changeGroundAssessmentSchema.shape.ground.optional(),
  closedByContractEnd: z.boolean().optional(),
}));

/** The history summary grows with the workflow's versions: the fields known today, and whatever a later version adds. */
const contractHistorySummarySchema = describing<ContractHistorySummary>()(
  z.looseObject({
    accountabilityCyclesStarted: z.number().int(),
    tasksOpened: z.number().int(),
    tasksCompleted: z.number().int(),
    extensions: z.array(z.object({ months: z.number().int(), decidedAt: z.string(), reason: z.string() })),
    midtermReview: z.object({ workflowId: z.string(), result: midtermReviewResultSchema.optional() }).optional(),
    largestRunHistoryLength: z.number().int().optional(),
    runs: z.number().int(),
  }),
);

export const contractTermStateSchema = z.object({
  contractId: z.string(),
  status: z.enum(['awarded', 'active', 'ended']),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  phase: z.string().optional(),
  nextDeadlines: z.array(z.object({ key: z.string(), kind: z.string(), date: isoDateSchema })).optional(),
  summary: contractHistorySummarySchema.optional(),
  budget: z
    .object({
      integratedBudgetCents: z.number().int(),
      indexation: indexationRuleSchema.optional(),
      indexationYears: z.array(indexationYearSchema).optional(),
    })
    .optional(),
  changeTotals: changeTotalsSchema.optional(),
  earlyEnd: earlyEndSchema.optional(),
});
type _ContractTermState = Assert<Agree<z.output<typeof contractTermStateSchema>, ContractTermState>>;

export const contractTimelineItemSchema = z.object({
  key: z.string(),
  kind: scheduleMilestoneKindSchema,
  label: z.string(),
  date: isoDateSchema,
  status: milestoneStatusSchema,
});
type _ContractTimelineItem = Assert<Agree<z.output<typeof contractTimelineItemSchema>, ContractTimelineItem>>;

/**
 * A field of the launch as a draft holds it: a field the launch defaults is optional, and left out
 * when the draft leaves it out (the default is the launch's to apply when it is posted).
 */
type Undefaulted<S extends z.ZodRawShape> = { [K in keyof S]: S[K] extends z.ZodDefault<infer T> ? z.ZodOptional<T> : S[K] };
function undefaulted<S extends z.ZodRawShape>(shape: S): Undefaulted<S> {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType).optional() : field])) as Undefaulted<S>;
}

const { launchedBy: _launchedBy, ...draftShape } = tenderLaunchRequestSchema.shape;
/** The next tender's launch, prefilled from the contract: the launch as the API takes it (no launchedBy), its defaults not applied. */
export const nextTenderDraftSchema = z.object({
  ...undefaulted(draftShape),
  commissioners: z.array(z.object(undefaulted(commissionerSchema.shape))),
  // The current provider's people are left out: the draft may have none left before review.
  stakeholders: z.array(stakeholderSchema),
});
type _NextTenderDraft = Assert<Agree<z.output<typeof nextTenderDraftSchema>, Omit<TenderLaunchInput, 'launchedBy'>>>;

// --- Midterm review (workflows/midterm-review/midterm-definitions.ts) ---------------------------------------------

export const midtermDecisionViewSchema = z.object({
  decision: midtermDecisionKindSchema,
  rationale: z.string(),
  by: actorSchema,
  decidedAt: timestamp,
  decidedOn: isoDateSchema,
  revision: revisionSchema.optional(),
  override: z.object({ reason: z.string() }).optional(),
  assessment: amendmentAssessmentSchema.optional(),
  changeGround: changeGroundAssessmentSchema.optional(),
});
type _MidtermDecisionView = Assert<Agree<z.output<typeof midtermDecisionViewSchema>, MidtermDecisionView>>;

export const providerResponseViewSchema = z.object({ accept: z.boolean(), note: z.string(), by: actorSchema, at: timestamp });
type _ProviderResponseView = Assert<Agree<z.output<typeof providerResponseViewSchema>, ProviderResponseView>>;

// --- Accountability cycle (workflows/accountability-cycle/accountability-definitions.ts) --------------------------------

export const accountabilityOutcomeViewSchema = z.object({
  recordedAt: timestamp,
  by: actorSchema,
  figures: z.array(kpiFigureSchema),
  narratives: z.array(kpiNarrativeSchema),
  story: z.string(),
  agreements: z.array(z.string()),
  followUps: z.array(followUpSchema.extend({ taskId: z.string() })),
  missingFigures: z.array(z.string()),
});
type _AccountabilityOutcomeView = Assert<Agree<z.output<typeof accountabilityOutcomeViewSchema>, AccountabilityOutcomeView>>;
