/**
 * Recording a contract's indexation rate for a calendar year (agenda version 3, the municipal year):
 * the provisional rate before the year's budget, the settled one afterwards. It completes the open
 * task for that year and stage; a rate recorded before its task opens means the task is not opened.
 */
import { setHandler } from '@temporalio/workflow';
import { contractTaskOwner } from '../../domain/contract-agenda';
import type { MunicipalYearTaskKind } from '../../domain/municipal-year';
import { today } from '../shared/clock';
import { recordIndexationRateUpdate } from './contract-definitions';
import type { ContractTermRun } from './contract-term-run';
import { parseUpdateInput, refuse } from '../shared/failures';
import { assertMayComplete, completeSupervisedTask, recordTaskChange } from '../shared/task-supervision';
import { indexationSchemas } from '../shared/request-schemas';
import { withIndexationRate, type IndexationStage } from '../../domain/indexation';

export const indexationTaskKinds: Record<IndexationStage, MunicipalYearTaskKind> = {
  provisional: 'indexationProvisional',
  settled: 'indexationSettlement',
};

/** The agenda item of a year's rate at a stage, and its task when it is open. */
function indexationItem(run: ContractTermRun, year: number, stage: IndexationStage) {
  const kind = indexationTaskKinds[stage];
  const planned = run.schedule.municipalYearTasks.find((t) => t.kind === kind && t.year === year);
  if (!planned) return undefined;
  const key = `${kind}:${planned.dueDate}`;
  const task = run.tasks.find((t) => t.kind === kind && t.dueDate === planned.dueDate);
  return { key, planned, task };
}

export function registerIndexationActions(run: ContractTermRun): void {
  setHandler(
    recordIndexationRateUpdate,
    async (raw) => {
      const input = parseUpdateInput(indexationSchemas().recordIndexationRateSchema, raw);
      const item = indexationItem(run, input.year, input.stage)!;
      const rate = { percent: input.percent, basis: input.basis, decidedOn: today(), by: input.by };
      const year = withIndexationRate(run.indexationYears.get(input.year), input.year, input.stage, rate);
      run.indexationYears.set(input.year, year);
      // Recorded before its task opened: the task is not opened any more.
      run.done.add(item.key);
      const task = item.task;
      if (task?.status === 'open') {
        completeSupervisedTask(task, input.by, `${input.percent}% (${input.stage === 'provisional' ? 'voorlopig' : 'definitief'})`, input.basis);
        run.summary.tasksCompleted++;
        await recordTaskChange(run.ctx, task, 'task.completed', { outcome: task.completion!.outcome }, input.by);
      }
      await run.record('contract.indexationRateRecorded', { ...year, stage: input.stage }, input.by);
      return year;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(indexationSchemas().recordIndexationRateSchema, raw);
        if (run.agendaVersion < 3) throw refuse.conflict('This contract indexes on its anniversaries (indexation review task), not per calendar year');
        if (run.status === 'ended') throw refuse.conflict('Contract has ended');
        const item = indexationItem(run, input.year, input.stage);
        if (!item) throw refuse.invalid('year', `No ${input.stage} indexation rate is planned for ${input.year} in this contract`);
        if (run.indexationYears.get(input.year)?.[input.stage]) throw refuse.conflict(`The ${input.stage} rate for ${input.year} is already recorded`);
        if (input.stage === 'settled' && input.year >= Number(today().slice(0, 4))) {
          throw refuse.invalid('year', `The rate for ${input.year} is settled after the year, not before (nacalculatie)`);
        }
        // Whoever may complete the task may record its rate, also before it opens.
        assertMayComplete(item.task ?? { id: item.key, role: contractTaskOwner(item.planned.kind, run.agendaVersion), organisation: run.commissioner }, input.by);
      },
    },
  );
}
