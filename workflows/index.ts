/** Every workflow type the worker runs. */
export { tenderPreparationWorkflow } from './tender-preparation';
export { contractTermWorkflow } from './contract-term';
