/**
 * The actions on a running contract term, as Updates: completing its own tasks, the end decision
 * (extend or end, before the notice deadline of VNG contractstandaard Wmo art. 1.3), an early end, and
 * written amendments (a revision, or a supplementary assignment with its theme and source), checked
 * against Aw 2012 art. 2.163b.
 */
import { setHandler } from '@temporalio/workflow';
import { daysBetween } from '../domain/dates';
import { nextTenderDraft } from '../domain/next-tender';
import { assessAmendment, assertRevisionEffectiveDate } from '../domain/amendment-limits';
import { amendContractSchema, decideTermEndSchema, endContractEarlySchema } from '../domain/schemas/contract-actions';
import { completeTaskSchema } from '../domain/schemas/tender-actions';
import { now, today } from './clock';
import { amendContractUpdate, contractTimelineQuery, decideTermEndUpdate, endContractEarlyUpdate, nextTenderDraftQuery } from './contract-definitions';
import type { ContractTermRun } from './contract-term-run';
import { parseUpdateInput, refuse } from './failures';
import { completeTaskUpdate } from './tender-definitions';
import { taskView } from './tender-state';
import { assertMayComplete, completeSupervisedTask, recordTaskChange } from './task-supervision';

export function registerContractActions(run: ContractTermRun): void {
  setHandler(contractTimelineQuery, () => run.timeline());
  setHandler(nextTenderDraftQuery, () => nextTenderDraft(run.input, run.endDate));

  setHandler(
    completeTaskUpdate,
    async (raw) => {
      const input = parseUpdateInput(completeTaskSchema, raw);
      const task = run.tasks.find((t) => t.id === input.taskId)!;
      completeSupervisedTask(task, input.by, input.outcome, input.note);
      run.summary.tasksCompleted++;
      await recordTaskChange(run.ctx, task, 'task.completed', { outcome: input.outcome, note: input.note }, input.by);
      return taskView(task);
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(completeTaskSchema, raw);
        const task = run.tasks.find((t) => t.id === input.taskId);
        if (!task) throw refuse.notFound(`No task ${input.taskId} in this contract`);
        if (task.status !== 'open') throw refuse.conflict(`Task ${task.id} is ${task.status}`);
        if (task.kind === 'endDecision') throw refuse.conflict('The end decision is recorded as a decision: extend or end');
        assertMayComplete(task, input.by);
      },
    },
  );

  setHandler(
    decideTermEndUpdate,
    async (raw) => {
      const input = parseUpdateInput(decideTermEndSchema, raw);
      const previousEnd = run.endDate;
      const task = run.openTasks().find((t) => t.kind === 'endDecision');
      if (task) {
        completeSupervisedTask(task, input.by, input.decision === 'extend' ? `Verlengd met ${input.months} maanden` : 'Niet verlengd', input.reason);
        run.summary.tasksCompleted++;
        await recordTaskChange(run.ctx, task, 'task.completed', { decision: input.decision }, input.by);
      }
      if (input.decision === 'extend') {
        run.extensionMonths += input.months!;
        run.extensionsUsed++;
        run.summary.extensions.push({ months: input.months!, decidedAt: now().toISOString(), reason: input.reason });
        run.version++;
        await run.enterStatus('active', { extended: { months: input.months, from: previousEnd, to: run.endDate }, reason: input.reason }, input.by);
      } else {
        await run.record('contract.endDecided', { endDate: run.endDate, reason: input.reason }, input.by);
      }
      return run.view();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(decideTermEndSchema, raw);
        if (run.status !== 'active') throw refuse.conflict(`Contract is ${run.status}`);
        if (run.earlyEnd) throw refuse.conflict(`Contract ends early on ${run.earlyEnd.endDate}`);
        if (input.by.organisation !== run.commissioner) throw refuse.forbidden(`Only ${run.commissioner} decides on the end of the term`);
        const deadline = run.schedule.noticeDeadline;
        if (daysBetween(deadline, today()) > 0) {
          throw refuse.conflict(`The notice deadline ${deadline} has passed (VNG contractstandaard Wmo art. 1.3: at least 6 months before the end)`);
        }
        if (input.decision === 'extend') {
          const { count, monthsEach } = run.input.terms.extensionOptions;
          if (run.extensionsUsed >= count) throw refuse.conflict(`All ${count} extension options are used`);
          if (input.months! > monthsEach) throw refuse.invalid('months', `an extension option is at most ${monthsEach} months`);
        }
      },
    },
  );

  setHandler(
    endContractEarlyUpdate,
    async (raw) => {
      const input = parseUpdateInput(endContractEarlySchema, raw);
      run.earlyEnd = { endDate: input.endDate, reason: input.reason };
      run.version++;
      await run.enterStatus(run.status, { earlyEnd: run.earlyEnd }, input.by);
      return run.view();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(endContractEarlySchema, raw);
        if (run.status === 'ended') throw refuse.conflict('Contract has ended');
        if (input.by.organisation !== run.commissioner) throw refuse.forbidden(`Only ${run.commissioner} ends this contract`);
        if (daysBetween(today(), input.endDate) < 0) throw refuse.invalid('endDate', `${input.endDate} lies in the past`);
        if (daysBetween(input.endDate, run.endDate) <= 0) throw refuse.invalid('endDate', `must be before the planned end ${run.endDate}`);
      },
    },
  );

  /** Aw 2012 art. 2.163b: the net cumulative change stays below the EU threshold and 10% of the initial value. */
  const assess = (valueChangeCents: number) =>
    assessAmendment({ initialValueCents: run.input.valueCents, previousChangesCents: run.amendmentsCents, proposedChangeCents: valueChangeCents });

  setHandler(
    amendContractUpdate,
    async (raw) => {
      const input = parseUpdateInput(amendContractSchema, raw);
      const assessment = assess(input.valueChangeCents);
      run.amendmentsCents.push(input.valueChangeCents);
      await run.record(
        'contract.amended',
        {
          description: input.description,
          valueChangeCents: input.valueChangeCents,
          effectiveDate: input.effectiveDate,
          // A revision when no kind was given; theme and source come only with a supplementary assignment (the schema checks it).
          kind: input.kind ?? 'revision',
          ...(input.theme ? { theme: input.theme } : {}),
          ...(input.source ? { source: input.source } : {}),
          assessment,
          ...(input.override && !assessment.allowed ? { override: input.override } : {}),
        },
        input.by,
      );
      return assessment;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(amendContractSchema, raw);
        if (run.status === 'ended') throw refuse.conflict('Contract has ended');
        if (input.by.organisation !== run.commissioner) throw refuse.forbidden(`Only ${run.commissioner} amends this contract`);
        const dateProblem = assertRevisionEffectiveDate(today(), input.effectiveDate);
        if (dateProblem) throw refuse.invalid('effectiveDate', dateProblem);
        const assessment = assess(input.valueChangeCents);
        if (!assessment.allowed && !input.override) throw refuse.invalid('valueChangeCents', assessment.reason ?? 'beyond the limit of Aw 2012 art. 2.163b');
      },
    },
  );
}
