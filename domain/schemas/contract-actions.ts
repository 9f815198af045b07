/** Inputs of the actions on a running contract term (Updates), validated at the API and in the workflow. */
import { z } from 'zod';
import { isoDateSchema } from '../dates';
import { actorSchema } from './actor';
import { amendmentOverrideSchema, revisionSchema } from './midterm';

/** The end decision (VNG contractstandaard Wmo art. 1.3): extend by an option, or let the term end. */
export const decideTermEndSchema = z
  .object({
    by: actorSchema,
    decision: z.enum(['extend', 'end']),
    /** With 'extend': months of the extension (at most one option's length). */
    months: z.number().int().min(1).max(120).optional(),
    reason: z.string().trim().min(1).max(10_000),
  })
  .refine((d) => d.decision !== 'extend' || d.months !== undefined, { path: ['months'], message: 'an extension needs its length in months' });
export type DecideTermEnd = z.infer<typeof decideTermEndSchema>;

/** Ending a contract before its end date (per the contract, the revision clause, or agreement). */
export const endContractEarlySchema = z.object({
  by: actorSchema,
  endDate: isoDateSchema,
  reason: z.string().trim().min(1).max(10_000),
});
export type EndContractEarly = z.infer<typeof endContractEarlySchema>;

/** A written amendment of a running contract (addendum), checked against Aw 2012 art. 2.163b. */
export const amendContractSchema = revisionSchema.extend({
  by: actorSchema,
  override: amendmentOverrideSchema.optional(),
});
export type AmendContract = z.infer<typeof amendContractSchema>;
