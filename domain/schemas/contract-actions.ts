/** Inputs of the actions on a running contract term (Updates), validated at the API and in the workflow. */
import { z } from 'zod';
import { actorSchema, noActorInBodySchema } from './actor';
import { noOverrideSchema, revisionSchema } from './midterm';
import { isoDateSchema } from './dates';
import { changeGroundInputSchema } from './change-grounds';

/** The end decision (VNG contractstandaard Wmo art. 1.3): extend by an option, or let the term end. */
const termEndFields = z.object({
  decision: z.enum(['extend', 'end']),
  /** With 'extend': months of the extension (at most one option's length). */
  months: z.number().int().min(1).max(120).optional(),
  reason: z.string().trim().min(1).max(10_000),
});
/** An extension names its length. */
function checkExtensionMonths(d: z.infer<typeof termEndFields>, ctx: z.RefinementCtx): void {
  if (d.decision === 'extend' && d.months === undefined) ctx.addIssue({ code: 'custom', path: ['months'], message: 'an extension needs its length in months' });
}

export const decideTermEndSchema = z.object({ by: actorSchema, ...termEndFields.shape }).superRefine(checkExtensionMonths);
export type DecideTermEnd = z.infer<typeof decideTermEndSchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const decideTermEndRequestSchema = termEndFields.extend({ by: noActorInBodySchema }).superRefine(checkExtensionMonths);
export type DecideTermEndRequest = z.infer<typeof decideTermEndRequestSchema>;

/**
 * Ending a contract before its end date, by either party as the contract's option allows (VNG
 * contractstandaard Wmo art. 1.3.4: who may, and with which notice); the other party gets a letter.
 */
export const endContractEarlySchema = z.object({
  by: actorSchema,
  endDate: isoDateSchema,
  reason: z.string().trim().min(1).max(10_000),
});
export type EndContractEarly = z.infer<typeof endContractEarlySchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const endContractEarlyRequestSchema = endContractEarlySchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export type EndContractEarlyRequest = z.infer<typeof endContractEarlyRequestSchema>;

/**
 * What an amendment does: revise the assignment (herziening, the default when no kind is given), or
 * add a supplementary assignment (aanvullende opdracht) to the running contract. Both name their legal
 * ground (Aw 2012 art. 2.163b-d) and count towards that ground's total.
 */
export const amendmentKinds = ['revision', 'supplementaryAssignment'] as const;
export const amendmentKindSchema = z.enum(amendmentKinds);
export type AmendmentKind = z.infer<typeof amendmentKindSchema>;

/**
 * Who asked for a supplementary assignment: the commissioner (opdrachtgever) through the contract
 * line, a municipal department, or a national programme. Requests from departments and national
 * programmes that bypass the contract line are what the Zaanstad evaluation calls side-steering
 * (zijsturing, ../shared/DOMAIN.md).
 */
export const supplementaryAssignmentSources = ['commissioner', 'municipalDepartment', 'nationalProgramme'] as const;
export const supplementaryAssignmentSourceSchema = z.enum(supplementaryAssignmentSources);
export type SupplementaryAssignmentSource = z.infer<typeof supplementaryAssignmentSourceSchema>;

/**
 * A written amendment of a running contract (addendum), checked against its legal ground (absent: de
 * minimis, Aw 2012 art. 2.163b; else a change option in the contract, art. 2.163c, or additional
 * services, art. 2.163d); what fits none needs a new procedure and is refused. Until
 * supplementary assignments get their own intake, this is also how one is added: with kind
 * 'supplementaryAssignment' and optionally its theme (for bundling per theme) and source.
 */
const amendmentFields = revisionSchema.extend({
  /** The legal ground; absent: de minimis (Aw 2012 art. 2.163b). */
  ground: changeGroundInputSchema.optional(),
  override: noOverrideSchema,
  /** Absent: a revision. */
  kind: amendmentKindSchema.optional(),
  /** With 'supplementaryAssignment': the theme it belongs to, e.g. "Preventie jeugd". */
  theme: z.string().trim().min(1).max(200).optional(),
  /** With 'supplementaryAssignment': who asked for it. */
  source: supplementaryAssignmentSourceSchema.optional(),
});

/** Theme and source belong to a supplementary assignment only. */
function checkAmendmentKind(input: z.infer<typeof amendmentFields>, ctx: z.RefinementCtx): void {
  if (input.kind === 'supplementaryAssignment') return;
  for (const field of ['theme', 'source'] as const) {
    if (input[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${field} belongs to a supplementary assignment (kind 'supplementaryAssignment'), not to a revision` });
  }
}

export const amendContractSchema = amendmentFields.extend({ by: actorSchema }).superRefine(checkAmendmentKind);
export type AmendContract = z.infer<typeof amendContractSchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const amendContractRequestSchema = amendmentFields.extend({ by: noActorInBodySchema }).superRefine(checkAmendmentKind);
export type AmendContractRequest = z.infer<typeof amendContractRequestSchema>;
