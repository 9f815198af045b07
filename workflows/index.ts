/** Every workflow type the worker runs. */
export { tenderPreparationWorkflow } from './tender-preparation';
export { contractTermWorkflow } from './contract-term';
export { midtermReviewWorkflow } from './midterm-review';
export { accountabilityCycleWorkflow } from './accountability-cycle';
