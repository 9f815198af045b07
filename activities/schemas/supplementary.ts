/**
 * The input of recordSupplementary: the contract term's current supplementary state, as the workflow
 * holds it (domain/supplementary/types.ts). Checked are the fields the rows' columns are made of; every
 * object is loose, so the snapshot stored in `data` is the whole one the workflow sent.
 */
import { z } from 'zod';
import { reportingRegimeSchema, supplementarySourceKindSchema, vettingRouteSchema } from '../../domain/schemas/supplementary';
import { assignmentStatuses } from '../../domain/supplementary/types';
import { eventRecordSchema } from './records';
import { isoDateSchema } from '../../domain/schemas/dates';
import { changeGroundSchema } from '../../domain/schemas/change-grounds';

const cents = z.number().int().nonnegative();
const id = z.string().min(1);
const year = z.number().int().min(2000).max(2100);

export const supplementaryAssignmentRecordSchema = z.looseObject({
  id,
  contractId: id,
  title: z.string().min(1),
  theme: z.string().min(1),
  goal: z.string().min(1),
  budgetCents: cents,
  period: z.looseObject({ from: isoDateSchema, to: isoDateSchema }),
  regime: reportingRegimeSchema,
  source: z.looseObject({ kind: supplementarySourceKindSchema, name: z.string().min(1) }),
  requestedBy: z.string().min(1),
  sideSteering: z.boolean(),
  spendingCapCents: cents.optional(),
  receivedOn: isoDateSchema,
  status: z.enum(assignmentStatuses),
  vetting: z.looseObject({ route: vettingRouteSchema.optional(), ground: z.looseObject({ basis: changeGroundSchema }).optional() }).optional(),
  bundleId: id.optional(),
  promotion: z.looseObject({ occasion: z.enum(['midtermReview', 'renewal']), on: isoDateSchema }).optional(),
});

export const supplementaryBundleRecordSchema = z.looseObject({
  id,
  contractId: id,
  year,
  theme: z.string().min(1),
  goal: z.string().min(1),
  assignmentIds: z.array(id),
  budgetCents: cents,
  combinesSpendingCaps: z.boolean(),
  status: z.enum(['awaitingConsent', 'earmarked', 'consentRefused']),
});

export const supplementaryYearRecordSchema = z.looseObject({
  year,
  flexibleAmount: z.looseObject({ amountCents: cents }).optional(),
  drawnCents: cents,
  spendingCap: z.looseObject({ capCents: cents }).optional(),
  spentCents: cents,
  capAlert: z.looseObject({ reachedOn: isoDateSchema }).optional(),
});

export const recordSupplementaryInputSchema = z
  .object({
    contractId: id,
    assignments: z.array(supplementaryAssignmentRecordSchema).default([]),
    bundles: z.array(supplementaryBundleRecordSchema).default([]),
    years: z.array(supplementaryYearRecordSchema).default([]),
    event: eventRecordSchema,
  })
  .superRefine((input, ctx) => {
    // One call writes one contract's state: a row of another contract is a bug in the caller.
    for (const key of ['assignments', 'bundles'] as const) {
      input[key].forEach((row, i) => {
        if (row.contractId !== input.contractId) {
          ctx.addIssue({ code: 'custom', path: [key, i, 'contractId'], message: `${row.id} belongs to ${row.contractId}, not to ${input.contractId}` });
        }
      });
    }
  });
