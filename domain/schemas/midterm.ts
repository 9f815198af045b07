/**
 * Inputs of the actions on a running midterm review (Updates), validated at the API and in the
 * workflow. The revision clause: VNG contractstandaard Wmo art. 1.4 (a written addendum with
 * description, value change and an effective date at most 6 months after the decision; a provider
 * that refuses may end the contract, art. 1.4.2); the legal ground of the change: Aw 2012 art. 2.163b-d
 * (../change-grounds).
 */
import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from '../amendment-limits';
import { actorSchema, noActorInBodySchema } from './actor';
import { isoDateSchema } from './dates';
import { changeGroundInputSchema } from './change-grounds';
import { midtermDecisionKinds } from '../glossary';

export const midtermDecisionKindSchema = z.enum(midtermDecisionKinds);

/** The written addendum of a revision (herziening). */
export const revisionSchema = z.object({
  description: z.string().trim().min(1).max(10_000),
  /** Signed: a decrease of the contract value is negative. */
  valueChangeCents: z.number().int().min(-MAX_AMOUNT_CENTS).max(MAX_AMOUNT_CENTS),
  effectiveDate: isoDateSchema,
});
export type Revision = z.infer<typeof revisionSchema>;

/**
 * An override of the Aw 2012 art. 2.163b limit, as recorded by earlier versions (their histories still
 * replay and their events still show it). It is not a legal ground: new requests name their ground.
 */
export interface AmendmentOverride {
  reason: string;
}

/** A request that still sends an override is refused, naming what to give instead. */
export const noOverrideSchema = z
  .never({
    error:
      'een afwijking (override) is geen wettelijke grond: geef de grond van de wijziging (ground.basis: deMinimis art. 2.163b, ' +
      'changeOption art. 2.163c, additionalServices art. 2.163d) / an override is not a legal ground: name the ground (ground.basis)',
  })
  .optional();

const midtermDecisionFields = z.object({
  decision: midtermDecisionKindSchema,
  rationale: z.string().trim().min(1).max(10_000),
  revision: revisionSchema.optional(),
  /** With 'revise': the legal ground of the revision; absent, de minimis (Aw 2012 art. 2.163b). */
  ground: changeGroundInputSchema.optional(),
  override: noOverrideSchema,
});

/** A revision comes with its addendum and ground; the other decisions with neither. */
function checkMidtermDecision(input: z.infer<typeof midtermDecisionFields>, ctx: z.RefinementCtx): void {
  if (input.decision === 'revise' && !input.revision) {
    ctx.addIssue({ code: 'custom', path: ['revision'], message: 'a revision needs a written addendum: description, valueChangeCents and effectiveDate (VNG art. 1.4)' });
  }
  if (input.decision !== 'revise' && input.revision) {
    ctx.addIssue({ code: 'custom', path: ['revision'], message: `an addendum belongs to a 'revise' decision, not to '${input.decision}'` });
  }
  if (input.decision !== 'revise' && input.ground) {
    ctx.addIssue({ code: 'custom', path: ['ground'], message: `a legal ground belongs to a 'revise' decision, not to '${input.decision}'` });
  }
}

export const recordMidtermDecisionSchema = z.object({ by: actorSchema, ...midtermDecisionFields.shape }).superRefine(checkMidtermDecision);
export type RecordMidtermDecision = z.infer<typeof recordMidtermDecisionSchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const recordMidtermDecisionRequestSchema = midtermDecisionFields.extend({ by: noActorInBodySchema }).superRefine(checkMidtermDecision);
export type RecordMidtermDecisionRequest = z.infer<typeof recordMidtermDecisionRequestSchema>;

export const respondToRevisionSchema = z.object({
  by: actorSchema,
  accept: z.boolean(),
  note: z.string().trim().min(1).max(10_000),
});
export type RespondToRevision = z.infer<typeof respondToRevisionSchema>;
/** The request body of the HTTP API: the actor comes from the signed-in principal. */
export const respondToRevisionRequestSchema = respondToRevisionSchema.omit({ by: true }).extend({ by: noActorInBodySchema });
export type RespondToRevisionRequest = z.infer<typeof respondToRevisionRequestSchema>;
