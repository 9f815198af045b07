/** The legal ground a change claims in a request (../change-grounds.ts assesses it). */
import { z } from 'zod';
import { changeGrounds, type ChangeGroundInput } from '../change-grounds';

export const changeGroundSchema = z.enum(changeGrounds);

/** The ground a change claims, as a request names it. Absent in a request: de minimis (art. 2.163b). */
export const changeGroundInputSchema = z
  .object({
    basis: changeGroundSchema,
    /** With 'changeOption': the id of the contract's change option used. */
    changeOptionId: z.string().trim().min(1).max(40).optional(),
    /** Why this ground applies; required for additional services (why necessary, why no other contractor). */
    reason: z.string().trim().min(1).max(10_000).optional(),
  })
  .superRefine((ground, ctx) => {
    if (ground.basis === 'changeOption' && !ground.changeOptionId) {
      ctx.addIssue({ code: 'custom', path: ['changeOptionId'], message: 'a change under a change option names the option (Aw 2012 art. 2.163c, VNG art. 1.4.1)' });
    }
    if (ground.basis !== 'changeOption' && ground.changeOptionId) {
      ctx.addIssue({ code: 'custom', path: ['changeOptionId'], message: `a change option belongs to the ground 'changeOption' (art. 2.163c), not to '${ground.basis}'` });
    }
    if (ground.basis === 'additionalServices' && !ground.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'additional services need the reason: why they became necessary and why another contractor is not possible (Aw 2012 art. 2.163d)' });
    }
  }) satisfies z.ZodType<ChangeGroundInput>;
