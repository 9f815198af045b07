/**
 * The actions on a running contract term, as Updates: completing its own tasks, the end decision
 * (extend or end, before the notice deadline of VNG contractstandaard Wmo art. 1.3), an early end (by
 * the party and with the notice the contract's option of art. 1.3.4 allows), and written amendments (a
 * revision, or a supplementary assignment with its theme and source), each with its legal ground
 * (Aw 2012 art. 2.163b-d).
 */
import { patched, setHandler } from '@temporalio/workflow';
import { assessChange } from '../../domain/change-grounds';
import { daysBetween } from '../../domain/dates';
import { assessEarlyEnd, EARLY_TERMINATION_ARTICLE } from '../../domain/early-end';
import { nextTenderDraft } from '../../domain/next-tender';
import { SUPPLEMENTARY_DECISION_TASKS } from '../../domain/supplementary/intake';
import { assertRevisionEffectiveDate } from '../../domain/amendment-limits';
import type { Role } from '../../domain/glossary';
import type { Actor } from '../../domain/schemas/actor';
import type { ContractParty } from '../../domain/schemas/contract-terms';


import { today } from '../shared/clock';
import {
  amendContractUpdate,
  changeTotalsRequestSignal,
  contractTimelineQuery,
  contractWorkflowId,
  endContractEarlyUpdate,
  nextTenderDraftQuery,
} from './contract-definitions';
import { CONTRACT_END_PER_CLAUSE_PATCH, type ContractTermRun } from './contract-term-run';
import { registerTermEndDecision } from './contract-term-end-decision';
import { indexationTaskKinds } from './contract-indexation';
import { parseUpdateInput, refuse } from '../shared/failures';
import { completeTaskUpdate } from '../shared/complete-task';
import { assertMayComplete, completeSupervisedTask, recordTaskChange, supervisedTaskView } from '../shared/task-supervision';
import { contractActionSchemas, tenderActionSchemas } from '../shared/request-schemas';

export function registerContractActions(run: ContractTermRun): void {
  setHandler(contractTimelineQuery, () => run.timeline());
  setHandler(nextTenderDraftQuery, () => nextTenderDraft(run.input, run.endDate, run.portfolio?.promoted() ?? []));

  setHandler(
    completeTaskUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().completeTaskSchema, raw);
      const task = run.tasks.find((t) => t.id === input.taskId)!;
      completeSupervisedTask(task, input.by, input.outcome, input.note);
      run.summary.tasksCompleted++;
      await recordTaskChange(run.ctx, task, 'task.completed', { outcome: input.outcome, note: input.note }, input.by);
      return supervisedTaskView(task);
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().completeTaskSchema, raw);
        const task = run.tasks.find((t) => t.id === input.taskId);
        if (!task) throw refuse.notFound(`No task ${input.taskId} in this contract`);
        if (task.status !== 'open') throw refuse.conflict(`Task ${task.id} is ${task.status}`);
        if (task.kind === 'endDecision') throw refuse.conflict('The end decision is recorded as a decision: extend or end');
        if ((SUPPLEMENTARY_DECISION_TASKS as readonly string[]).includes(task.kind)) {
          throw refuse.conflict(`Task ${task.id} is completed by its decision (vetting, bundling or written consent), not as a task`);
        }
        if (Object.values(indexationTaskKinds).includes(task.kind as never)) {
          throw refuse.conflict('An indexation task is completed by recording its rate (recordIndexationRate: year, stage, percent, basis)');
        }
        assertMayComplete(task, input.by);
      },
    },
  );

  registerTermEndDecision(run);
  registerEarlyEnd(run);
  registerAmendment(run);
  registerChangeTotalsRequests(run);
}

/**
 * Who ends a contract for its party: for the municipality the college, or the manager holding its
 * mandate (as with the end decision); for the provider its director or contract contact.
 */
const EARLY_END_ROLES: Record<ContractParty, readonly Role[]> = { commissioner: ['college', 'manager'], provider: ['director', 'contractContact'] };

/** Which party an actor acts for; undefined when neither. */
function partyOf(run: ContractTermRun, by: Actor): ContractParty | undefined {
  if (by.organisation === run.commissioner) return 'commissioner';
  if (by.organisation === run.input.provider.organisation) return 'provider';
  return undefined;
}

/**
 * An early end, by the party the contract's option allows and no earlier than today plus its notice
 * (VNG art. 1.3.4); the other party gets a letter. Set before the first await: a second request is refused.
 */
function registerEarlyEnd(run: ContractTermRun): void {
  setHandler(
    endContractEarlyUpdate,
    async (raw) => {
      const input = parseUpdateInput(contractActionSchemas().endContractEarlySchema, raw);
      if (patched(CONTRACT_END_PER_CLAUSE_PATCH)) {
        // The validator checked who may end and from when (art. 1.3.4).
        await run.endEarly({ endDate: input.endDate, reason: input.reason, by: partyOf(run, input.by) ?? 'commissioner', article: EARLY_TERMINATION_ARTICLE }, input.by);
      } else {
        run.earlyEnd = { endDate: input.endDate, reason: input.reason };
        run.version++;
        await run.enterStatus(run.status, { earlyEnd: run.earlyEnd }, input.by);
      }
      return run.view();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(contractActionSchemas().endContractEarlySchema, raw);
        if (run.status === 'ended') throw refuse.conflict('Contract has ended');
        if (run.earlyEnd) throw refuse.conflict(`Contract already ends early on ${run.earlyEnd.endDate}`);
        const party = partyOf(run, input.by);
        if (!party) throw refuse.forbidden(`Only ${run.commissioner} or ${run.input.provider.organisation} ends this contract`);
        if (!EARLY_END_ROLES[party].includes(input.by.role)) {
          throw refuse.forbidden(`For the ${party} the ${EARLY_END_ROLES[party].join(' or ')} ends the contract, not the ${input.by.role}`);
        }
        if (daysBetween(today(), input.endDate) < 0) throw refuse.invalid('endDate', `${input.endDate} lies in the past`);
        const assessment = assessEarlyEnd(run.earlyTermination, party, today(), input.endDate, run.endDate);
        if (!assessment.allowed) throw refuse.invalid(assessment.field, assessment.reason);
      },
    },
  );
}

/**
 * A written amendment with its legal ground (absent: de minimis, Aw 2012 art. 2.163b); what no ground
 * covers needs a new procedure and is refused, naming the field and the article. The change counts
 * towards its ground's total before the first await.
 */
function registerAmendment(run: ContractTermRun): void {
  setHandler(
    amendContractUpdate,
    async (raw) => {
      const input = parseUpdateInput(contractActionSchemas().amendContractSchema, raw);
      const ground = input.ground ?? { basis: 'deMinimis' as const };
      const assessment = assessChange(run.changeContext(), ground, input.valueChangeCents);
      run.countChange(ground, input.valueChangeCents);
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
          ground: assessment.ground,
          assessment,
        },
        input.by,
      );
      return assessment;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(contractActionSchemas().amendContractSchema, raw);
        if (run.status === 'ended') throw refuse.conflict('Contract has ended');
        if (input.by.organisation !== run.commissioner) throw refuse.forbidden(`Only ${run.commissioner} amends this contract`);
        const dateProblem = assertRevisionEffectiveDate(today(), input.effectiveDate);
        if (dateProblem) throw refuse.invalid('effectiveDate', dateProblem);
        const assessment = assessChange(run.changeContext(), input.ground ?? { basis: 'deMinimis' }, input.valueChangeCents);
        if (!assessment.allowed) throw refuse.invalid(assessment.field ?? 'valueChangeCents', assessment.reason ?? 'no legal ground: a new procedure is needed (Aw 2012 art. 2.163a)');
      },
    },
  );
}

/** A child of this contract asks for the change totals (see changeTotalsRequestSignal): answered by signal. */
function registerChangeTotalsRequests(run: ContractTermRun): void {
  const children = `${contractWorkflowId(run.input.contractId)}-`;
  setHandler(changeTotalsRequestSignal, ({ workflowId }) => {
    if (typeof workflowId === 'string' && workflowId.startsWith(children) && !run.closed) run.background(run.sendChangeTotals(workflowId));
  });
}
