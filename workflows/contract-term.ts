/**
 * The term of one contract (one lot, one provider), started at final award. This version runs the
 * term from its start date to its end date and records both; the midterm review, accountability
 * cycles and end-of-term decisions build on it (see the contract term issue).
 */
import { setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { addDaysTo, addMonthsTo, toUtcDate } from '../domain/dates';
import { activities } from './activities';
import { msUntil } from './clock';
import { contractStateQuery, type ContractTermInput, type ContractTermState } from './contract-definitions';

export async function contractTermWorkflow(input: ContractTermInput): Promise<ContractTermState> {
  const state: ContractTermState = {
    contractId: input.contractId,
    status: 'awarded',
    startDate: input.startDate,
    endDate: addDaysTo(addMonthsTo(input.startDate, input.terms.termYears * 12), -1),
  };
  setHandler(contractStateQuery, () => ({ ...state }));

  const enter = async (status: ContractTermState['status']) => {
    state.status = status;
    await activities.recordContractStatus({
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
    });
  };

  await sleep(Math.max(1, msUntil(toUtcDate(state.startDate))));
  await enter('active');
  await sleep(Math.max(1, msUntil(toUtcDate(addDaysTo(state.endDate, 1)))));
  await enter('ended');
  return state;
}
