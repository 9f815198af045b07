/**
 * The actions people take on a running tender, as Updates: each validator refuses what the
 * current state forbids (nothing is recorded then), each handler changes the state and records it.
 */
import { patched, setHandler, uuid4 } from '@temporalio/workflow';
import { daysBetween, toIsoDate } from '../../domain/dates';
import { tenderStepLabels } from '../../domain/glossary';
import { statusChangeMessage } from '../../domain/messages';

import { PlanError, type ShiftOptions, type ShiftResult, shiftMilestone, standstillEnd } from '../../domain/tender-plan';
import { activities } from '../shared/activities';
import { now, today } from '../shared/clock';
import { parseUpdateInput, refuse } from '../shared/failures';
import { sendNotificationOrRecordFailure } from '../shared/notifications';
import { addressRoles } from '../shared/recipients';
import { recordTenderStateOrFailure } from '../shared/record-failures';
import {
  cancelTenderUpdate,
  completeTaskUpdate,
  registerAwardUpdate,
  registerObjectionUpdate,
  resolveObjectionUpdate,
  SHIFT_KEEPS_LEGAL_PERIODS_PATCH,
  shiftDeadlineUpdate,
} from './tender-definitions';
import { awardRecord, type TenderState, taskView } from './tender-state';
import type { Actor } from '../../domain/schemas/actor';
import { assertMayComplete, cancelSupervisedTask, completeSupervisedTask, newEvent, recordTaskChange, rescheduleTask, type SupervisedTask } from '../shared/task-supervision';
import { tenderActionSchemas } from '../shared/request-schemas';

function assertActive(state: TenderState): void {
  if (state.status !== 'active') throw refuse.conflict(`Tender is ${state.status}`);
}

function openTaskOf(state: TenderState, kind: string): SupervisedTask | undefined {
  return state.tasks.find((t) => t.kind === kind && t.status === 'open');
}

export function registerTenderActions(state: TenderState): void {
  const ctx = () => state.taskContext();

  setHandler(
    completeTaskUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().completeTaskSchema, raw);
      const task = state.task(input.taskId)!;
      completeSupervisedTask(task, input.by, input.outcome, input.note);
      await recordTaskChange(ctx(), task, 'task.completed', { outcome: input.outcome, note: input.note }, input.by);
      return taskView(task);
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().completeTaskSchema, raw);
        const task = state.task(input.taskId);
        if (!task) throw refuse.notFound(`No task ${input.taskId} in this tender`);
        if (task.status !== 'open') throw refuse.conflict(`Task ${task.id} is ${task.status}`);
        if (task.kind === 'awardDecision') throw refuse.conflict('The award decision is completed by registering the award');
        assertMayComplete(task, input.by);
        assertPeriodHasClosed(state, task);
      },
    },
  );

  setHandler(
    registerAwardUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().registerAwardSchema, raw);
      const task = openTaskOf(state, 'awardDecision')!;
      const decidedAt = now();
      const round = state.awards.length + 1;
      const award = {
        round,
        decidedAt: decidedAt.toISOString(),
        standstillEndsAt: standstillEnd(toIsoDate(decidedAt), state.plan.standstillDays).toISOString(),
        status: 'provisional' as const,
        lots: input.lots.map(({ lotId, provider, providerEmail, valueCents }) => ({ lotId, provider, providerEmail, valueCents })),
      };
      state.awards.push(award);
      for (const lot of input.lots) {
        state.extraStakeholders.push({ role: 'contractContact', organisation: lot.provider, email: lot.providerEmail });
      }
      completeSupervisedTask(task, input.by, `Gunningsbeslissing ronde ${round}`, input.note);
      await activities.recordAwards({
        awards: award.lots.map((lot) => awardRecord(state, award, lot)),
        event: newEvent(ctx(), 'award.decided', { round, lots: award.lots, standstillEndsAt: award.standstillEndsAt }, input.by),
      });
      await recordTaskChange(ctx(), task, 'task.completed', { outcome: task.completion?.outcome }, input.by);
      const { lots, ...view } = award;
      return { ...view, lots: lots.map(({ providerEmail: _, ...lot }) => lot) };
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().registerAwardSchema, raw);
        assertActive(state);
        const task = openTaskOf(state, 'awardDecision');
        if (!task) throw refuse.conflict(`An award can only be registered in the award decision phase (now: ${state.phase})`);
        assertMayComplete(task, input.by);
        const lotIds = state.launch.lots.map((l) => l.id);
        input.lots.forEach((lot, i) => {
          if (!lotIds.includes(lot.lotId)) throw refuse.invalid(`lots.${i}.lotId`, `unknown lot ${lot.lotId}`);
          if (input.lots.findIndex((l) => l.lotId === lot.lotId) !== i) throw refuse.invalid(`lots.${i}.lotId`, `lot ${lot.lotId} awarded twice`);
        });
        const missing = lotIds.filter((id) => !input.lots.some((l) => l.lotId === id));
        if (missing.length > 0) throw refuse.invalid('lots', `every lot needs an award; missing: ${missing.join(', ')}`);
      },
    },
  );

  setHandler(
    registerObjectionUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().registerObjectionSchema, raw);
      const award = state.currentAward()!;
      const objection = {
        id: uuid4(),
        awardRound: award.round,
        ...(input.lotId ? { lotId: input.lotId } : {}),
        organisation: input.by.organisation,
        reason: input.reason,
        registeredAt: now().toISOString(),
        status: 'pending' as const,
      };
      state.objections.push(objection);
      await activities.recordObjection({
        objection: { ...objection, tenderId: state.tenderId },
        event: newEvent(ctx(), 'objection.registered', { objectionId: objection.id, lotId: input.lotId, reason: input.reason }, input.by),
      });
      await notifyManagers(state, `bezwaar ingediend door ${input.by.organisation}; de gunning wacht`, input.reason, `objection:${objection.id}`);
      return objection;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().registerObjectionSchema, raw);
        assertActive(state);
        if (state.phase !== 'standstill') throw refuse.conflict(`Objections can only be registered during the standstill period (now: ${state.phase})`);
        if (input.lotId && !state.currentAward()!.lots.some((l) => l.lotId === input.lotId)) {
          throw refuse.invalid('lotId', `unknown lot ${input.lotId}`);
        }
      },
    },
  );

  setHandler(
    resolveObjectionUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().resolveObjectionSchema, raw);
      const objection = state.objections.find((o) => o.id === input.objectionId)!;
      objection.status = input.outcome;
      objection.resolvedAt = now().toISOString();
      objection.resolution = input.note;
      const award = state.awards.find((a) => a.round === objection.awardRound)!;
      if (input.outcome === 'upheld') award.status = 'withdrawn';
      await activities.recordObjection({
        objection: { ...objection, tenderId: state.tenderId },
        event: newEvent(ctx(), 'objection.resolved', { objectionId: objection.id, outcome: input.outcome, note: input.note }, input.by),
      });
      if (input.outcome === 'upheld') {
        await activities.recordAwards({
          awards: award.lots.map((lot) => awardRecord(state, award, lot)),
          event: newEvent(ctx(), 'award.withdrawn', { round: award.round, objectionId: objection.id }, input.by),
        });
      }
      return { ...objection };
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().resolveObjectionSchema, raw);
        const objection = state.objections.find((o) => o.id === input.objectionId);
        if (!objection) throw refuse.notFound(`No objection ${input.objectionId} in this tender`);
        if (objection.status !== 'pending') throw refuse.conflict(`Objection ${objection.id} is already ${objection.status}`);
        if (input.by.organisation !== state.leadOrganisation) throw refuse.forbidden(`Only ${state.leadOrganisation} resolves objections`);
      },
    },
  );

  setHandler(
    shiftDeadlineUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().shiftDeadlineSchema, raw);
      const options = patched(SHIFT_KEEPS_LEGAL_PERIODS_PATCH) ? legalShiftOptions(state) : {};
      const { milestones, moved } = shiftMilestone(state.milestones, input.stepKey, input.newDueDate, today(), options);
      state.milestones = milestones;
      await applyMoves(state, moved, input.reason, input.by);
      await recordTenderStateOrFailure({
        tenderId: state.tenderId,
        phase: state.phase,
        status: state.status,
        contractStart: state.contractStart,
        event: newEvent(ctx(), 'tender.deadlineShifted', { stepKey: input.stepKey, newDueDate: input.newDueDate, reason: input.reason, moved }, input.by),
      }, state.owners);
      return state.timeline();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().shiftDeadlineSchema, raw);
        assertActive(state);
        if (input.by.organisation !== state.leadOrganisation) throw refuse.forbidden(`Only ${state.leadOrganisation} shifts deadlines`);
        if (input.stepKey === 'standstill') {
          const rule = state.legalRules.find((r) => r.to === 'standstill');
          throw refuse.invalid('stepKey', `The standstill period follows from the award decision${rule ? ` (${rule.source})` : ''}; shift the award decision instead`);
        }
        const tasks = state.tasks.filter((t) => t.kind === input.stepKey);
        if (tasks.length > 0 && tasks.every((t) => t.status !== 'open')) {
          throw refuse.conflict(`"${tenderStepLabels[input.stepKey]}" is already ${tasks.at(-1)!.status}`);
        }
        try {
          shiftMilestone(state.milestones, input.stepKey, input.newDueDate, today(), legalShiftOptions(state));
        } catch (error) {
          if (error instanceof PlanError) throw refuse.invalid(error.field, error.message);
          throw error;
        }
      },
    },
  );

  setHandler(
    cancelTenderUpdate,
    async (raw) => {
      const input = parseUpdateInput(tenderActionSchemas().cancelTenderSchema, raw);
      state.status = 'cancelled';
      state.phase = 'cancelled';
      state.cancellation = { reason: input.reason, by: input.by, at: now().toISOString() };
      const open = state.openTasks();
      open.forEach(cancelSupervisedTask);
      for (const task of open) await recordTaskChange(ctx(), task, 'task.cancelled', { reason: input.reason }, input.by);
      await recordTenderStateOrFailure({
        tenderId: state.tenderId,
        phase: state.phase,
        status: state.status,
        cancelledAt: state.cancellation.at,
        cancelReason: input.reason,
        event: newEvent(ctx(), 'tender.cancelled', { reason: input.reason }, input.by),
      }, state.owners);
      await notifyManagers(state, 'aanbesteding geannuleerd', input.reason, 'cancelled');
      return state.timeline();
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(tenderActionSchemas().cancelTenderSchema, raw);
        assertActive(state);
        if (state.contracts.length > 0) throw refuse.conflict('The contracts are already awarded; end them through their contract instead');
        if (input.by.organisation !== state.leadOrganisation) throw refuse.forbidden(`Only ${state.leadOrganisation} cancels this tender`);
      },
    },
  );
}

/** A shift keeps every legal period, reckoned from the actual dates of the steps already done. */
function legalShiftOptions(state: TenderState): ShiftOptions {
  return { rules: state.legalRules, actualDates: state.actualDates };
}

/** Gives the open tasks of moved milestones their new due date and records each change. */
export async function applyMoves(state: TenderState, moved: ShiftResult['moved'], reason: string, by?: Actor): Promise<void> {
  for (const change of moved) {
    for (const task of state.tasks.filter((t) => t.kind === change.key && t.status === 'open')) {
      rescheduleTask(task, change.to);
      await recordTaskChange(state.taskContext(), task, 'task.rescheduled', { from: change.from, to: change.to, reason }, by);
    }
  }
}

/**
 * A submission deadline is a published date, not a task: it closes on its date whoever clicks
 * "done" before it (bidders may still submit until then), so completing it earlier is refused.
 * From that day on the procurement officer completes it (tenders received, opened).
 */
function assertPeriodHasClosed(state: TenderState, task: SupervisedTask): void {
  if (task.kind !== 'submissionDeadline') return;
  const closesOn = state.milestone('submissionDeadline').dueDate;
  if (daysBetween(today(), closesOn) <= 0) return;
  const rules = state.legalRules.filter((r) => r.to === 'submissionDeadline' && r.basis === 'law');
  const source = rules.length > 0 ? rules.map((r) => r.source).join('; ') : 'aanbestedingsstukken';
  throw refuse.conflict(
    `"${tenderStepLabels.submissionDeadline}" is the published closing date ${closesOn} (${source}): it cannot close before that day ` +
      `(today is ${today()}); complete this step on or after ${closesOn}`,
  );
}

/**
 * Tells the lead organisation's managers and procurement officers of a change in status; a mail that
 * fails for good is recorded as notification.failed and the tender goes on (workflows/shared/notifications.ts).
 */
export async function notifyManagers(state: TenderState, change: string, reason: string, key: string): Promise<void> {
  const addressing = addressRoles((role, organisation) => state.recipients(role, organisation), [
    { role: 'manager', organisation: state.leadOrganisation },
    { role: 'procurementOfficer', organisation: state.leadOrganisation },
  ]);
  await sendNotificationOrRecordFailure(
    {
      idempotencyKey: `${state.tenderId}:${key}`,
      workflowId: state.workflowId,
      kind: 'status-change',
      ...addressing,
      ...statusChangeMessage(state.launch.title, change, reason),
    },
    (type, data) => newEvent(state.taskContext(), type, data),
  );
}
