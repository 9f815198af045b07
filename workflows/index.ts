/** Every workflow type the worker runs. */
export { tenderPreparationWorkflow } from './tender/tender-preparation';
export { contractTermWorkflow } from './contract-term/contract-term';
export { midtermReviewWorkflow } from './midterm-review/midterm-review';
export { supplementaryAssignmentWorkflow } from './supplementary-assignment/supplementary-assignment';
export { accountabilityCycleWorkflow } from './accountability-cycle/accountability-cycle';
