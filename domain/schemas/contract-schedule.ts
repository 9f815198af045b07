/** A contract's schedule input in a request (../contract-schedule.ts computes the schedule; its fields are described there). */
import { z } from 'zod';
import { contractScheduleDefaults, scheduleMilestoneKinds, type ContractScheduleInput, type ContractScheduleInputRaw } from '../contract-schedule';
import { isoDateSchema } from './dates';
import { accountabilityCadenceSchema } from './glossary';

export const contractScheduleInputSchema = z
  .object({
    startDate: isoDateSchema,
    termYears: z.number().int().min(1).max(20).default(contractScheduleDefaults.termYears),
    extensionMonths: z.number().int().min(0).max(240).default(contractScheduleDefaults.extensionMonths),
    midtermReviewAfterMonths: z.number().int().min(1).optional(),
    accountabilityCadence: accountabilityCadenceSchema.default(contractScheduleDefaults.accountabilityCadence),
    noticePeriodMonths: z.number().int().min(1).max(36).default(contractScheduleDefaults.noticePeriodMonths),
    decisionBufferDays: z.number().int().min(0).max(365).default(contractScheduleDefaults.decisionBufferDays),
    renewalEvaluationLeadMonths: z.number().int().min(1).max(120).default(contractScheduleDefaults.renewalEvaluationLeadMonths),
    reportDueDays: z.number().int().min(0).max(180).default(contractScheduleDefaults.reportDueDays),
    conversationDueDays: z.number().int().min(0).max(180).default(contractScheduleDefaults.conversationDueDays),
    municipalYear: z.boolean().default(contractScheduleDefaults.municipalYear),
    nextTenderLeadDays: z.number().int().min(1).max(3650).optional(),
  })
  .superRefine((input, ctx) => {
    const termMonths = input.termYears * 12;
    if (input.midtermReviewAfterMonths !== undefined && input.midtermReviewAfterMonths >= termMonths) {
      ctx.addIssue({ code: 'custom', path: ['midtermReviewAfterMonths'], message: 'must fall within the term' });
    }
    if (input.noticePeriodMonths >= termMonths + input.extensionMonths) {
      ctx.addIssue({ code: 'custom', path: ['noticePeriodMonths'], message: 'must be shorter than the term' });
    }
  }) satisfies z.ZodType<ContractScheduleInput, ContractScheduleInputRaw>;

export const scheduleMilestoneKindSchema = z.enum(scheduleMilestoneKinds);
