/**
 * The term of one contract (one lot, one provider), started at final award and running for years:
 * an accountability cycle per period, the midterm review, a yearly indexation review, the renewal
 * evaluation, the end decision before the notice deadline, extensions and early ends. It continues
 * as new once per contract year so eight years of cycles stay far from Temporal's history limits.
 *
 * Runs started before the lifecycle existed keep the first version (term start to end only):
 * `patched(CONTRACT_LIFECYCLE_PATCH)` is false when such a history is replayed.
 */
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { AgendaVersion } from '../../domain/contract-agenda';
import { addDaysTo, addMonthsTo, notificationMoment, toUtcDate } from '../../domain/dates';
import type { accountabilityCycleWorkflow } from '../accountability-cycle/accountability-cycle';
import { accountabilityWorkflowId } from '../accountability-cycle/accountability-definitions';
import { msUntil } from '../shared/clock';
import { contractStateQuery, type ContractTermCarry, type ContractTermInput, type ContractTermState } from './contract-definitions';
import { ContractTermRun } from './contract-term-run';
import { registerContractActions } from './contract-term-actions';
import { registerIndexationActions } from './contract-indexation';
import { midtermReviewWorkflowId } from '../midterm-review/midterm-definitions';
import type { midtermReviewWorkflow } from '../midterm-review/midterm-review';
import { contractCommissioners } from '../../domain/access';
import { recordContractStatusOrFailure } from '../shared/record-failures';
import { openTask, superviseTask } from '../shared/task-supervision';
import { registerSupplementaryActions } from '../supplementary-assignment/register-supplementary';

export const CONTRACT_LIFECYCLE_PATCH = 'contract-term-lifecycle';
/** The yearly budget cycle task, added after the lifecycle's first release (agenda version 2). */
export const YEARLY_BUDGET_CYCLE_PATCH = 'yearly-budget-cycle';
/**
 * Agenda version 3 (the municipal year, domain/contract-agenda.ts), and from then on the agenda
 * version is decided once, in the contract's first run, and carried across continue-as-new.
 */
export const MUNICIPAL_YEAR_PATCH = 'municipal-year';

export async function contractTermWorkflow(input: ContractTermInput, carry?: ContractTermCarry): Promise<ContractTermState> {
  if (!carry && !patched(CONTRACT_LIFECYCLE_PATCH)) return runTermStartToEnd(input);
  return runLifecycle(input, carry);
}

/**
 * What this contract plans: what its first run decided. Before the decision was carried, every run
 * asked `patched('yearly-budget-cycle')` anew, so a contract started before the budget cycle existed
 * continued as new into a run that planned a budget task for every past anniversary and opened them
 * all at once, overdue. A carry from that code (no agendaVersion) now tells what the contract
 * started with by what it did: a budget task done means version 2. Runs of that code that are
 * replayed keep deciding as they did (without the patch marker).
 */
function agendaVersionOf(carry?: ContractTermCarry): AgendaVersion {
  if (carry?.agendaVersion) return carry.agendaVersion;
  if (!carry) return patched(MUNICIPAL_YEAR_PATCH) ? 3 : patched(YEARLY_BUDGET_CYCLE_PATCH) ? 2 : 1;
  const askedBefore = patched(YEARLY_BUDGET_CYCLE_PATCH);
  if (!patched(MUNICIPAL_YEAR_PATCH)) return askedBefore ? 2 : 1;
  return carry.done.some((key) => key.startsWith('budgetCycle:')) ? 2 : 1;
}

async function runLifecycle(input: ContractTermInput, carry?: ContractTermCarry): Promise<ContractTermState> {
  const run = new ContractTermRun(input, workflowInfo().workflowId, carry, agendaVersionOf(carry));
  setHandler(contractStateQuery, () => run.view());
  registerContractActions(run);
  registerIndexationActions(run);
  registerSupplementaryActions(run);

  if (run.status === 'awarded') {
    await condition(() => run.status !== 'awarded', msUntil(toUtcDate(input.startDate)));
    if (run.status === 'awarded') await run.enterStatus('active');
  }
  for (const task of run.openTasks()) run.background(superviseTask(run.ctx, task));

  for (;;) {
    const next = run.nextItem();
    if (!next) break;
    if (run.yearOf(next.on) > run.runYear && !run.midtermPending) {
      await condition(allHandlersFinished);
      noteHistoryLength(run);
      await continueAsNew<typeof contractTermWorkflow>(input, run.carry(run.yearOf(next.on)));
    }
    const version = run.version;
    const replanned = await condition(() => run.version !== version, msUntil(notificationMoment(next.on)));
    if (replanned) continue;
    await carryOut(run, next);
    if (next.action.kind === 'endTerm') break;
  }
  await condition(allHandlersFinished);
  noteHistoryLength(run);
  run.closed = true;
  return run.view();
}

function noteHistoryLength(run: ContractTermRun): void {
  run.summary.largestRunHistoryLength = Math.max(run.summary.largestRunHistoryLength ?? 0, workflowInfo().historyLength);
}

async function carryOut(run: ContractTermRun, item: NonNullable<ReturnType<ContractTermRun['nextItem']>>): Promise<void> {
  const { action } = item;
  switch (action.kind) {
    case 'startAccountabilityCycle': {
      const workflowId = accountabilityWorkflowId(run.input.contractId, action.period.index);
      await startChild<typeof accountabilityCycleWorkflow>('accountabilityCycleWorkflow', {
        workflowId,
        args: [run.accountabilityInput(action.period)],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      run.summary.accountabilityCyclesStarted++;
      await run.record('contract.accountabilityCycleStarted', { workflowId, period: action.period });
      break;
    }
    case 'startMidtermReview': {
      const workflowId = midtermReviewWorkflowId(run.input.contractId);
      const child = await startChild<typeof midtermReviewWorkflow>('midtermReviewWorkflow', {
        workflowId,
        args: [run.midtermInput(action.reviewDate)],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      run.summary.midtermReview = { workflowId };
      run.midtermPending = true;
      await run.record('contract.midtermReviewStarted', { workflowId, reviewDate: action.reviewDate });
      run.background(child.result().then((result) => run.applyMidtermResult(result)));
      break;
    }
    case 'openTask': {
      const task = run.newTask(action.task, action.dueDate, action.year);
      await openTask(run.ctx, task);
      run.background(superviseTask(run.ctx, task));
      break;
    }
    case 'openSupplementaryBundling':
      await run.portfolio?.openBundling(action.year, action.dueDate);
      break;
    case 'endTerm':
      await run.endTerm(action.endDate);
      break;
  }
  run.done.add(item.key);
}

/** The first version: the term from its start date to its end date, both recorded. */
async function runTermStartToEnd(input: ContractTermInput): Promise<ContractTermState> {
  const state: ContractTermState = {
    contractId: input.contractId,
    status: 'awarded',
    startDate: input.startDate,
    endDate: addDaysTo(addMonthsTo(input.startDate, input.terms.termYears * 12), -1),
  };
  setHandler(contractStateQuery, () => ({ ...state }));

  const enter = async (status: ContractTermState['status']) => {
    state.status = status;
    await recordContractStatusOrFailure({
      contractId: input.contractId,
      status,
      event: {
        id: `${workflowInfo().workflowId}:${status}`,
        workflowId: workflowInfo().workflowId,
        tenderId: input.tenderId,
        contractId: input.contractId,
        type: `contract.${status}`,
        data: { startDate: state.startDate, endDate: state.endDate },
        occurredAt: new Date().toISOString(),
      },
    }, contractCommissioners(input.commissioners));
  };

  await sleep(Math.max(1, msUntil(toUtcDate(state.startDate))));
  await enter('active');
  await sleep(Math.max(1, msUntil(toUtcDate(addDaysTo(state.endDate, 1)))));
  await enter('ended');
  return state;
}
