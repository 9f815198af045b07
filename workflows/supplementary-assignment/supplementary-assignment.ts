/**
 * One supplementary assignment's own term, a child of its contract term (started when the joint panel
 * accepts it within the contract): the provider confirms it, it starts on its date, reports on its own
 * when it demands that (else in the contract's accountability conversations, or its bundle's regime
 * once bundled), and before it ends the contract manager decides: end, renew (a new request through
 * the intake) or propose it for the main assignment. Cancelled with its open tasks when the contract
 * ends early.
 */
import { allHandlersFinished, CancellationScope, condition, isCancellation, setHandler } from '@temporalio/workflow';
import { AssignmentTerm } from './assignment-term';
import { registerAssignmentNews, registerCompleteReport, registerConfirmAssignment, registerDecideAssignmentEnd } from './assignment-actions';
import { type SupplementaryAssignmentInput, supplementaryAssignmentQuery, type SupplementaryAssignmentState } from './supplementary-definitions';

export async function supplementaryAssignmentWorkflow(input: SupplementaryAssignmentInput): Promise<SupplementaryAssignmentState> {
  const term = new AssignmentTerm(input);
  setHandler(supplementaryAssignmentQuery, () => term.view());
  registerConfirmAssignment(term);
  registerDecideAssignmentEnd(term);
  registerCompleteReport(term);
  registerAssignmentNews(term);
  try {
    await term.run();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(() => cancelled(term));
    return term.view();
  }
  await condition(allHandlersFinished);
  return term.view();
}

/** The contract ended early: the open tasks no longer apply. */
async function cancelled(term: AssignmentTerm): Promise<void> {
  for (const task of term.tasks.filter((t) => t.status === 'open')) await term.cancelTask(task, 'het contract is beëindigd');
  await term.enter('cancelled');
}
