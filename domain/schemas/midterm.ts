/**
 * Inputs of the actions on a running midterm review (Updates), validated at the API and in the
 * workflow. The revision clause: VNG contractstandaard Wmo art. 1.4 (a written addendum with
 * description, value change and an effective date at most 6 months after the decision; a provider
 * that refuses may end the contract); the legal limit: Aw 2012 art. 2.163b.
 */
import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from '../amendment-limits';
import { isoDateSchema } from '../dates';
import { actorSchema } from './actor';

export const midtermDecisionKinds = ['continue', 'revise', 'end'] as const;
export const midtermDecisionKindSchema = z.enum(midtermDecisionKinds);
export type MidtermDecisionKind = z.infer<typeof midtermDecisionKindSchema>;

export const midtermDecisionLabels: Record<MidtermDecisionKind, string> = {
  continue: 'Voortzetten',
  revise: 'Herzien (addendum)',
  end: 'Beëindigen',
};

/** The written addendum of a revision (herziening). */
export const revisionSchema = z.object({
  description: z.string().trim().min(1).max(10_000),
  /** Signed: a decrease of the contract value is negative. */
  valueChangeCents: z.number().int().min(-MAX_AMOUNT_CENTS).max(MAX_AMOUNT_CENTS),
  effectiveDate: isoDateSchema,
});
export type Revision = z.infer<typeof revisionSchema>;

/** An explicit, recorded decision to revise beyond the Aw 2012 art. 2.163b limit. */
export const amendmentOverrideSchema = z.object({
  reason: z.string().trim().min(1).max(10_000),
});
export type AmendmentOverride = z.infer<typeof amendmentOverrideSchema>;

export const recordMidtermDecisionSchema = z
  .object({
    by: actorSchema,
    decision: midtermDecisionKindSchema,
    rationale: z.string().trim().min(1).max(10_000),
    revision: revisionSchema.optional(),
    override: amendmentOverrideSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'revise' && !input.revision) {
      ctx.addIssue({ code: 'custom', path: ['revision'], message: 'a revision needs a written addendum: description, valueChangeCents and effectiveDate (VNG art. 1.4)' });
    }
    if (input.decision !== 'revise' && input.revision) {
      ctx.addIssue({ code: 'custom', path: ['revision'], message: `an addendum belongs to a 'revise' decision, not to '${input.decision}'` });
    }
    if (input.decision !== 'revise' && input.override) {
      ctx.addIssue({ code: 'custom', path: ['override'], message: `an override of the amendment limit belongs to a 'revise' decision, not to '${input.decision}'` });
    }
  });
export type RecordMidtermDecision = z.infer<typeof recordMidtermDecisionSchema>;

export const respondToRevisionSchema = z.object({
  by: actorSchema,
  accept: z.boolean(),
  note: z.string().trim().min(1).max(10_000),
});
export type RespondToRevision = z.infer<typeof respondToRevisionSchema>;
