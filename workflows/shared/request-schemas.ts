/**
 * The request schemas that workflows validate Updates and their input with, loaded the first time a
 * workflow needs them instead of when it starts.
 *
 * A worker evaluates the modules a workflow imports once for every workflow in its cache. The request
 * schemas are about a thousand zod objects: imported at the top, they made every cached contract term
 * hold 1.9 MB of heap (bench/workflow-heap.ts), although most contracts sleep for months and never
 * receive an Update. Loaded here on first use, a workflow only builds the schemas of what it receives.
 * Determinism is untouched: loading a module is no workflow command, and the schemas are the same.
 *
 * Everything else imports these modules as types only (`import type`), which loads nothing.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous import on first use, see above */
import type * as AccountabilitySchemas from '../../domain/schemas/accountability';
import type * as ContractActionSchemas from '../../domain/schemas/contract-actions';
import type * as IndexationSchemas from '../../domain/schemas/indexation';
import type * as MidtermSchemas from '../../domain/schemas/midterm';
import type * as SupplementarySchemas from '../../domain/schemas/supplementary';
import type * as TenderActionSchemas from '../../domain/schemas/tender-actions';
import type * as TenderLaunchSchemas from '../../domain/schemas/tender-launch';

export const accountabilitySchemas = (): typeof AccountabilitySchemas => require('../../domain/schemas/accountability');
export const contractActionSchemas = (): typeof ContractActionSchemas => require('../../domain/schemas/contract-actions');
export const indexationSchemas = (): typeof IndexationSchemas => require('../../domain/schemas/indexation');
export const midtermSchemas = (): typeof MidtermSchemas => require('../../domain/schemas/midterm');
export const supplementarySchemas = (): typeof SupplementarySchemas => require('../../domain/schemas/supplementary');
export const tenderActionSchemas = (): typeof TenderActionSchemas => require('../../domain/schemas/tender-actions');
export const tenderLaunchSchemas = (): typeof TenderLaunchSchemas => require('../../domain/schemas/tender-launch');
