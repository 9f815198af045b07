/** The zod enums of the glossary's names (../glossary.ts), for validating requests. */
import { z } from 'zod';
import {
  accountabilityCadences,
  commissionerKinds,
  milestoneStatuses,
  objectionOutcomes,
  organisationKinds,
  procurementForms,
  roles,
  taskStatuses,
  tenderPhases,
  tenderStepKeys,
} from '../glossary';

export const roleSchema = z.enum(roles);
export const organisationKindSchema = z.enum(organisationKinds);
export const procurementFormSchema = z.enum(procurementForms);
export const commissionerKindSchema = z.enum(commissionerKinds);
export const accountabilityCadenceSchema = z.enum(accountabilityCadences);
export const tenderStepKeySchema = z.enum(tenderStepKeys);
export const tenderPhaseSchema = z.enum(tenderPhases);
export const taskStatusSchema = z.enum(taskStatuses);
export const milestoneStatusSchema = z.enum(milestoneStatuses);
export const objectionOutcomeSchema = z.enum(objectionOutcomes);
