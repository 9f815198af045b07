/**
 * The actions on an assignment's own term: the provider's confirmation, the end decision before it
 * ends, completing its own reports, and what the contract tells it (bundled, proposed for promotion).
 * Each Update changes the state before its first await, so a second submission is refused.
 */
import { setHandler } from '@temporalio/workflow';
import { DEFAULT_TASK_LEAD_DAYS } from '../../domain/contract-agenda';


import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import { today } from '../shared/clock';
import { completeTaskUpdate } from '../shared/complete-task';
import { parseUpdateInput, refuse } from '../shared/failures';
import { assertMayComplete, completeSupervisedTask, recordTaskChange, supervisedTaskView } from '../shared/task-supervision';
import { assertActsAs } from './actor-checks';
import type { AssignmentTerm } from './assignment-term';
import { assignmentNewsSignal, confirmAssignmentUpdate, decideAssignmentEndUpdate } from './supplementary-definitions';
import { supplementarySchemas, tenderActionSchemas } from '../shared/request-schemas';

export function registerConfirmAssignment(term: AssignmentTerm): void {
  setHandler(
    confirmAssignmentUpdate,
    async (raw) => {
      const input = parseUpdateInput(supplementarySchemas().confirmAssignmentSchema, raw);
      term.assignment.confirmation = { confirm: input.confirm, on: today(), by: input.by, ...(input.note ? { note: input.note } : {}) };
      const task = term.task('supplementaryConfirmation')!;
      completeSupervisedTask(task, input.by, input.confirm ? 'confirmed' : 'declined', input.note);
      await recordTaskChange(term.ctx, task, 'task.completed', { outcome: task.completion!.outcome, note: input.note }, input.by);
      return term.view();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(supplementarySchemas().confirmAssignmentSchema, raw);
        if (term.assignment.confirmation || !term.task('supplementaryConfirmation')) throw refuse.conflict(`${term.assignment.id} is ${term.assignment.status}: nothing to confirm`);
        assertActsAs(input.by, term.input.provider, SUPPLEMENTARY_ROLES.confirmation);
      },
    },
  );
}

export function registerDecideAssignmentEnd(term: AssignmentTerm): void {
  setHandler(
    decideAssignmentEndUpdate,
    async (raw) => {
      const input = parseUpdateInput(supplementarySchemas().decideAssignmentEndSchema, raw);
      const endDecision = { decision: input.decision, rationale: input.rationale, on: today(), by: input.by };
      term.assignment.endDecision = endDecision;
      if (input.decision === 'promote') term.assignment.promotion = { occasion: 'renewal', rationale: input.rationale, on: endDecision.on, by: input.by };
      const task = term.task('supplementaryEndDecision')!;
      completeSupervisedTask(task, input.by, input.decision, input.rationale);
      await recordTaskChange(term.ctx, task, 'task.completed', { outcome: input.decision, note: input.rationale }, input.by);
      await term.tellContract({ assignmentId: term.assignment.id, status: term.assignment.status, endDecision, ...(input.renewal ? { renewal: input.renewal } : {}) });
      return term.view();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(supplementarySchemas().decideAssignmentEndSchema, raw);
        if (!term.task('supplementaryEndDecision')) throw refuse.conflict(`${term.assignment.id} has no end decision open (it opens ${DEFAULT_TASK_LEAD_DAYS} days before it is due)`);
        assertActsAs(input.by, term.input.commissioner, SUPPLEMENTARY_ROLES.endDecision);
        if (input.renewal && input.renewal.period.from <= term.assignment.period.to) {
          throw refuse.invalid('renewal.period.from', `a renewal starts after the assignment ends (${term.assignment.period.to})`);
        }
      },
    },
  );
}

/** Its own reports are completed like any task (POST /tasks/:id/complete). */
export function registerCompleteReport(term: AssignmentTerm): void {
  setHandler(
    completeTaskUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().completeTaskSchema, raw);
      const task = term.tasks.find((t) => t.id === input.taskId)!;
      completeSupervisedTask(task, input.by, input.outcome, input.note);
      await recordTaskChange(term.ctx, task, 'task.completed', { outcome: input.outcome, note: input.note }, input.by);
      return supervisedTaskView(task);
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().completeTaskSchema, raw);
        const task = term.tasks.find((t) => t.id === input.taskId);
        if (!task) throw refuse.notFound(`No task ${input.taskId} in this assignment`);
        if (task.status !== 'open') throw refuse.conflict(`Task ${task.id} is ${task.status}`);
        if (task.kind !== 'supplementaryReport') throw refuse.conflict(`Task ${task.id} is completed by its decision (confirmation or end decision), not as a task`);
        assertMayComplete(task, input.by);
      },
    },
  );
}

/** Bundled: its own reports stop (the bundle's one regime takes over). Proposed for promotion: noted. */
export function registerAssignmentNews(term: AssignmentTerm): void {
  setHandler(assignmentNewsSignal, (news) => {
    if (news.promotion) term.assignment.promotion = news.promotion;
    if (!news.bundled) return;
    term.assignment.bundleId = news.bundled.bundleId;
    term.assignment.regime = 'bundle';
    for (const task of term.tasks.filter((t) => t.kind === 'supplementaryReport' && t.status === 'open')) {
      term.background(term.cancelTask(task, `gebundeld in ${news.bundled.bundleId}: verantwoording in het regime van de bundel`));
    }
  });
}
