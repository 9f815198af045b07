/**
 * Drives a contract term the way its people would, in steps of simulated time: the contract manager
 * holds the midterm review (continue), records the indexation rates and completes the other tasks of
 * the term, and `decide` answers the end decision. Time is skipped only while no activity is in flight.
 * Shared by the contract term tests and the history recorder (scripts/record-contract-histories.ts).
 */
import type { WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { PrismaClient } from '../../db/client';
import { accountabilityWorkflowId } from '../../workflows/accountability-cycle/accountability-definitions';
import { recordIndexationRateUpdate } from '../../workflows/contract-term/contract-definitions';
import { midtermReviewQuery, midtermReviewWorkflowId, recordMidtermDecisionUpdate } from '../../workflows/midterm-review/midterm-definitions';
import { completeTaskUpdate } from '../../workflows/tender/tender-definitions';
import { waitUntilIdle } from './tender-driver';

const DAY = 24 * 60 * 60 * 1000;
export const contractManager = { role: 'contractManager', organisation: 'Gemeente Zaanstad' } as const;

export interface ContractTask {
  id: string;
  kind: string;
  title: string;
  dueDate: Date;
}

export interface LiveThroughOptions {
  /** Answers the end decision task (extend or end). */
  decide: (handle: WorkflowHandle, task: ContractTask) => Promise<void>;
  /** Simulated days per step (default 45). */
  stepDays?: number;
  /** Called with every description of the running contract, before the step's actions. */
  onStep?: (description: WorkflowExecutionDescription) => void;
  /** Called after each task the driver completes. */
  onTask?: (task: ContractTask) => void;
}

/** The contract manager records the year's indexation rate (from the task title), which completes its task. */
export async function recordIndexationRate(handle: WorkflowHandle, task: Pick<ContractTask, 'kind' | 'title'>): Promise<void> {
  const year = Number(/\d{4}/.exec(task.title)![0]);
  const stage = task.kind === 'indexationProvisional' ? 'provisional' : 'settled';
  await handle.executeUpdate(recordIndexationRateUpdate, { args: [{ by: contractManager, year, stage, percent: stage === 'provisional' ? 3.1 : 3.45, basis: '70% OVA + 30% CPI' }] });
}

/** Completes a task of the term as the contract manager: an indexation task by recording its rate. */
export async function completeTermTask(handle: WorkflowHandle, task: Pick<ContractTask, 'id' | 'kind' | 'title'>): Promise<void> {
  if (task.kind === 'indexationProvisional' || task.kind === 'indexationSettlement') await recordIndexationRate(handle, task);
  else await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, by: contractManager, outcome: 'Afgehandeld' }] });
}

/** Lives through the term until the contract workflow closes. */
export async function liveThroughTerm(
  h: { env: TestWorkflowEnvironment; db: { prisma: PrismaClient } },
  contract: { handle: WorkflowHandle; input: { contractId: string } },
  { decide, stepDays = 45, onStep, onTask }: LiveThroughOptions,
): Promise<void> {
  const { handle, input } = contract;
  for (let step = 0; step < 200; step++) {
    const description = await handle.describe();
    onStep?.(description);
    if (description.status.name !== 'RUNNING') return;
    const midterm = h.env.client.workflow.getHandle(midtermReviewWorkflowId(input.contractId));
    const review = await midterm.query(midtermReviewQuery).catch(() => undefined);
    if (review?.phase === 'decision') {
      await midterm.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'continue', rationale: 'Resultaten op koers; opdracht blijft ongewijzigd' }] });
    }
    const open = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId, status: 'open' } });
    for (const task of open) {
      if (task.kind === 'endDecision') await decide(handle, task);
      else await completeTermTask(handle, task);
      onTask?.(task);
    }
    const started = await h.db.prisma.event.count({ where: { workflowId: handle.workflowId, type: 'contract.accountabilityCycleStarted' } });
    const children = Array.from({ length: started }, (_, i) => h.env.client.workflow.getHandle(accountabilityWorkflowId(input.contractId, i + 1)));
    await waitUntilIdle([handle, ...children, ...(review ? [midterm] : [])]);
    await h.env.sleep(stepDays * DAY);
  }
  throw new Error('the term did not end');
}
