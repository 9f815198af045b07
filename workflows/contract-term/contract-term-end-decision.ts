/**
 * The end decision of a contract term: extend by an option, or let the term end (VNG
 * contractstandaard Wmo art. 1.3: the municipality says at least 6 calendar months before the end
 * whether it extends). The college decides (Gemeentewet art. 160 lid 1 onder e: the college decides on
 * the municipality's agreements), or the manager holding its mandate; from agenda version 3 the decision
 * is due before the next tender must start, and the council is informed of it.
 */
import { setHandler } from '@temporalio/workflow';
import { contractTaskOwner } from '../../domain/contract-agenda';
import { daysBetween } from '../../domain/dates';
import { councilInformedMessage } from '../../domain/messages';
import type { DecideTermEnd } from '../../domain/schemas/contract-actions';
import { now, today } from '../shared/clock';
import { decideTermEndUpdate } from './contract-definitions';
import type { ContractTermRun } from './contract-term-run';
import { parseUpdateInput, refuse } from '../shared/failures';
import { sendNotificationOrRecordFailure } from '../shared/notifications';
import { addressRoles } from '../shared/recipients';
import { assertMayComplete, completeSupervisedTask, newEvent, recordTaskChange } from '../shared/task-supervision';
import { contractActionSchemas } from '../shared/request-schemas';

/**
 * Runs whose end decision is being recorded. Set before the handler's first await: a second decision
 * sent at the same time is refused by the validator instead of extending twice (the extension itself
 * is counted after the task's record, where it always was, so recorded histories replay).
 */
const deciding = new WeakSet<ContractTermRun>();

export function registerTermEndDecision(run: ContractTermRun): void {
  setHandler(
    decideTermEndUpdate,
    async (raw) => {
      deciding.add(run);
      try {
        return await decide(run, parseUpdateInput(contractActionSchemas().decideTermEndSchema, raw));
      } finally {
        deciding.delete(run);
      }
    },
    { validator: (raw) => assertMayDecide(run, parseUpdateInput(contractActionSchemas().decideTermEndSchema, raw)) },
  );
}

/** The decision: the task completed, the term extended or its end recorded, the council informed. */
async function decide(run: ContractTermRun, input: DecideTermEnd) {
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
  if (run.agendaVersion >= 3) await informCouncil(run, input, previousEnd);
  return run.view();
}

function assertMayDecide(run: ContractTermRun, input: DecideTermEnd): void {
  if (deciding.has(run)) throw refuse.conflict('An end decision is being recorded; look at the contract before deciding again');
  if (run.status !== 'active') throw refuse.conflict(`Contract is ${run.status}`);
  if (run.earlyEnd) throw refuse.conflict(`Contract ends early on ${run.earlyEnd.endDate}`);
  // The end decision task's owner (the college from agenda version 3), or the manager holding its mandate.
  const task = run.openTasks().find((t) => t.kind === 'endDecision');
  assertMayComplete(task ?? { id: 'endDecision', role: contractTaskOwner('endDecision', run.agendaVersion), organisation: run.commissioner }, input.by);
  const deadline = run.schedule.noticeDeadline;
  if (daysBetween(deadline, today()) > 0) {
    throw refuse.conflict(`The notice deadline ${deadline} has passed (VNG contractstandaard Wmo art. 1.3: at least 6 months before the end)`);
  }
  if (input.decision === 'extend') {
    const { count, monthsEach } = run.input.terms.extensionOptions;
    if (run.extensionsUsed >= count) throw refuse.conflict(`All ${count} extension options are used`);
    if (input.months! > monthsEach) throw refuse.invalid('months', `an extension option is at most ${monthsEach} months`);
  }
}

/** The college decides, the council is informed: a mail to the council's address, and the record. */
async function informCouncil(run: ContractTermRun, input: DecideTermEnd, previousEnd: string): Promise<void> {
  const addressing = addressRoles((role, organisation) => run.recipients(role, organisation), [{ role: 'council', organisation: run.commissioner }]);
  const { to } = addressing;
  const message = councilInformedMessage({
    contractTitle: run.input.title,
    provider: run.input.provider.organisation,
    decision: input.decision,
    previousEnd,
    endDate: run.endDate,
    reason: input.reason,
  });
  if (to.length > 0) {
    await sendNotificationOrRecordFailure(
      { idempotencyKey: `${run.input.contractId}:endDecision:${previousEnd}:council`, workflowId: run.workflowId, kind: 'status-change', ...addressing, ...message },
      (type, data) => newEvent(run.ctx, type, data),
    );
  }
  await run.record('contract.councilInformed', { decision: input.decision, endDate: run.endDate, to, ...(to.length === 0 ? { note: 'no council address among the stakeholders' } : {}) }, input.by);
}
