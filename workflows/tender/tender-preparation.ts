/**
 * Tender preparation, from the evaluation of the current contract to award, contract hand-off,
 * signing and onboarding. Every step is a task for a role; the award waits out the standstill
 * period and any objection; the final award starts one contract term workflow per lot.
 */
import { ApplicationFailure, ParentClosePolicy, allHandlersFinished, condition, patched, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import { addDaysTo, addMonthsTo, toIsoDate } from '../../domain/dates';
import { failureTypes } from '../../domain/errors';
import { type TenderStepKey, tenderStepLabels } from '../../domain/glossary';

import { assertProcurementRoute, PlanError, planTender, reckonFromActualDate, type TenderPlan } from '../../domain/tender-plan';
import { tenderStep, tenderSteps } from '../../domain/tender-steps';
import { activities } from '../shared/activities';
import { msUntil, now, today } from '../shared/clock';
import { contractTermWorkflow } from '../contract-term/contract-term';
import { contractWorkflowId, type ContractTermInput } from '../contract-term/contract-definitions';
import {
  DEADLINE_FROM_PUBLICATION_PATCH,
  LEGAL_RULES_2026_12_PATCH,
  type TenderWorkflowInput,
  tenderTimelineQuery,
  type TenderTimeline,
  launchRecordedUpdate,
} from './tender-definitions';
import { recordTenderStateOrFailure } from '../shared/record-failures';
import { applyMoves, notifyManagers, registerTenderActions } from './tender-actions';
import { awardRecord, TenderState } from './tender-state';
import { createTask, newEvent, openTask, superviseTask, type SupervisedTask } from '../shared/task-supervision';
import { tenderLaunchSchemas } from '../shared/request-schemas';

export async function tenderPreparationWorkflow(input: TenderWorkflowInput): Promise<TenderTimeline> {
  const timeline = await prepareTender(input);
  // An Update that ended the tender (a cancellation) finishes recording before the workflow closes.
  await condition(allHandlersFinished);
  return timeline;
}

async function prepareTender(input: TenderWorkflowInput): Promise<TenderTimeline> {
  const launch = tenderLaunchSchemas().tenderLaunchSchema.parse(input.launch);
  const state = new TenderState(input.tenderId, launch, makePlan(launch), workflowInfo().workflowId);
  const ctx = state.taskContext();

  setHandler(tenderTimelineQuery, () => state.timeline());
  setHandler(launchRecordedUpdate, async () => {
    await condition(() => state.recorded);
    return state.timeline();
  });
  registerTenderActions(state);

  await activities.recordTenderLaunched({
    tender: {
      id: state.tenderId,
      workflowId: state.workflowId,
      title: launch.title,
      procurementForm: launch.procurementForm,
      leadOrganisation: state.leadOrganisation,
      estimatedValueCents: launch.estimatedValueCents,
      contractStart: launch.contractStart,
      termYears: launch.termYears,
      phase: state.phase,
      status: state.status,
      launch: { ...launch, plan: state.plan },
      launchedAt: now().toISOString(),
    },
    event: newEvent(ctx, 'tender.launched', { plan: state.milestones }, launch.launchedBy),
  });
  state.recorded = true;

  const preparationSteps = tenderSteps.filter((s) => tenderSteps.indexOf(s) < tenderSteps.indexOf(tenderStep('awardDecision')));
  for (const step of preparationSteps) {
    await enterPhase(state, step.key);
    await runTask(state, newTenderTask(state, step.key));
    if (state.cancelled) return finishCancelled(state);
    if (step.key === 'publication' && patched(DEADLINE_FROM_PUBLICATION_PATCH)) await reckonFromPublication(state);
  }

  await awardWithStandstill(state);
  if (state.cancelled) return finishCancelled(state);

  await enterPhase(state, 'finalAward');
  await runTask(state, newTenderTask(state, 'finalAward'));
  if (state.cancelled) return finishCancelled(state);
  await handOffContracts(state);

  // Signing (commissioner) and onboarding (provider) per contract, side by side.
  await enterPhase(state, 'signing');
  await Promise.all(perContractTasks(state, 'signing').map((task) => runTask(state, task)));
  if (state.cancelled) return finishCancelled(state);
  await enterPhase(state, 'onboarding');
  await Promise.all(perContractTasks(state, 'onboarding').map((task) => runTask(state, task)));
  if (state.cancelled) return finishCancelled(state);

  state.phase = 'completed';
  state.status = 'completed';
  await recordState(state, 'tender.completed');
  return state.timeline();
}

function makePlan(launch: TenderWorkflowInput['launch']): TenderPlan {
  const current = patched(LEGAL_RULES_2026_12_PATCH);
  try {
    const plan = planTender({
      procurementForm: launch.procurementForm,
      electronicSubmission: launch.electronicSubmission,
      documentsElectronicallyAvailable: launch.documentsElectronicallyAvailable,
      standstillDays: launch.standstillDays,
      contractStart: launch.contractStart,
      today: today(),
      ruleSet: current ? 'current' : 'before-2026-12',
    });
    if (current) assertProcurementRoute({ ...launch, noticeDate: plan.milestones.find((m) => m.key === 'publication')!.dueDate });
    return plan;
  } catch (error) {
    if (error instanceof PlanError) {
      throw ApplicationFailure.create({ type: failureTypes.planDoesNotFit, message: error.message, details: [{ field: error.field, ...error.details }], nonRetryable: true });
    }
    throw error;
  }
}

/**
 * The notice was sent on the day the publication step was done: the legal periods that run from
 * it (the open procedure's tender period, Aw 2012 art. 2.71) are reckoned from that day, so a late
 * publication moves the submission deadline (and what follows) as far as the law requires.
 */
async function reckonFromPublication(state: TenderState): Promise<void> {
  const done = state.tasks.find((t) => t.kind === 'publication' && t.status === 'done');
  if (!done?.completion) return;
  state.actualDates.publication = toIsoDate(new Date(done.completion.at));
  const { milestones, moved } = reckonFromActualDate(state.milestones, state.legalRules, state.actualDates, 'publication');
  if (moved.length === 0) return;
  const sources = [...new Set(state.legalRules.filter((r) => r.from === 'publication').map((r) => r.source))].join('; ');
  const reason = `Aankondiging verzonden op ${state.actualDates.publication}: termijnen gerekend vanaf die dag (${sources})`;
  state.milestones = milestones;
  await applyMoves(state, moved, reason);
  await recordTenderStateOrFailure({
    tenderId: state.tenderId,
    phase: state.phase,
    status: state.status,
    contractStart: state.contractStart,
    event: newEvent(state.taskContext(), 'tender.deadlineShifted', { stepKey: 'publication', publishedOn: state.actualDates.publication, reason, moved }),
  }, state.owners);
  const deadline = moved.find((m) => m.key === 'submissionDeadline');
  await notifyManagers(state, `sluitingsdatum inschrijving ${deadline ? `nu ${deadline.to}` : 'ongewijzigd'}`, reason, `reckoned:${state.actualDates.publication}`);
}

async function recordState(state: TenderState, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await recordTenderStateOrFailure({
    tenderId: state.tenderId,
    phase: state.phase,
    status: state.status,
    contractStart: state.contractStart,
    ...(state.cancellation ? { cancelledAt: state.cancellation.at, cancelReason: state.cancellation.reason } : {}),
    event: newEvent(state.taskContext(), type, { phase: state.phase, ...data }, state.cancellation?.by),
  }, state.owners);
}

async function enterPhase(state: TenderState, phase: TenderStepKey): Promise<void> {
  state.phase = phase;
  await recordState(state, 'tender.phaseEntered');
}

function newTenderTask(state: TenderState, key: TenderStepKey, round?: number): SupervisedTask {
  const step = tenderStep(key);
  return createTask({
    id: `${state.tenderId}:${key}${round && round > 1 ? `:${round}` : ''}`,
    kind: key,
    title: tenderStepLabels[key],
    role: step.ownerRole,
    organisation: state.leadOrganisation,
    dueDate: state.milestone(key).dueDate,
  });
}

function perContractTasks(state: TenderState, key: 'signing' | 'onboarding'): SupervisedTask[] {
  const step = tenderStep(key);
  const award = state.currentAward()!;
  return award.lots.map((lot) =>
    createTask({
      id: `${state.tenderId}:${key}:${lot.lotId}`,
      kind: key,
      title: `${tenderStepLabels[key]} perceel ${lot.lotId}`,
      role: step.ownerRole,
      organisation: step.perContract === 'provider' ? lot.provider : state.leadOrganisation,
      dueDate: state.milestone(key).dueDate,
      lotId: lot.lotId,
    }),
  );
}

/** Opens a task and supervises it until it is done or the tender is cancelled. */
async function runTask(state: TenderState, task: SupervisedTask): Promise<void> {
  if (state.cancelled) return;
  state.tasks.push(task);
  const ctx = state.taskContext();
  await openTask(ctx, task);
  await superviseTask(ctx, task);
}

/**
 * Award rounds: the award decision is registered, the standstill period runs (Aw 2012 art. 2.127)
 * and an objection holds the award until it is resolved; an upheld objection withdraws the award
 * and a new award decision is needed.
 */
async function awardWithStandstill(state: TenderState): Promise<void> {
  for (let round = 1; ; round++) {
    await enterPhase(state, 'awardDecision');
    await runTask(state, newTenderTask(state, 'awardDecision', round));
    if (state.cancelled) return;

    const award = state.currentAward()!;
    await enterPhase(state, 'standstill');
    const withdrawn = () => award.status === 'withdrawn';
    await condition(() => state.cancelled || withdrawn(), msUntil(new Date(award.standstillEndsAt)));
    await condition(() => state.cancelled || withdrawn() || state.pendingObjections(award.round).length === 0);
    if (state.cancelled) return;
    if (!withdrawn()) return;
  }
}

/** Final award: one contract per lot, recorded, and its term workflow started (it outlives this one). */
async function handOffContracts(state: TenderState): Promise<void> {
  const award = state.currentAward()!;
  award.status = 'final';
  await activities.recordAwards({
    awards: award.lots.map((lot) => awardRecord(state, award, lot)),
    event: newEvent(state.taskContext(), 'award.final', { round: award.round }),
  });
  const startDate = state.contractStart;
  for (const lot of award.lots) {
    const lotInfo = state.launch.lots.find((l) => l.id === lot.lotId)!;
    const contractId = `${state.tenderId}-${lot.lotId}`;
    const workflowId = contractWorkflowId(contractId);
    const endDate = addDaysTo(addMonthsTo(startDate, state.launch.termYears * 12), -1);
    await activities.recordContract({
      contract: {
        id: contractId,
        workflowId,
        tenderId: state.tenderId,
        lotId: lot.lotId,
        lotTitle: lotInfo.title,
        commissioner: state.leadOrganisation,
        provider: lot.provider,
        valueCents: lot.valueCents,
        startDate,
        endDate,
        status: 'awarded',
        terms: contractTerms(state),
      },
      event: newEvent(state.taskContext(), 'contract.awarded', { contractId, lotId: lot.lotId, provider: lot.provider }),
    });
    const input: ContractTermInput = {
      contractId,
      tenderId: state.tenderId,
      title: `${state.launch.title}, perceel ${lotInfo.title}`,
      lot: lotInfo,
      commissioners: state.launch.commissioners,
      procurementForm: state.launch.procurementForm,
      provider: { organisation: lot.provider, email: lot.providerEmail },
      valueCents: lot.valueCents,
      startDate,
      terms: contractTerms(state),
      stakeholders: [...state.launch.stakeholders.filter((s) => s.organisation !== lot.provider), { role: 'contractContact', organisation: lot.provider, email: lot.providerEmail }],
    };
    await startChild(contractTermWorkflow, {
      workflowId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    state.contracts.push({ contractId, workflowId, lotId: lot.lotId, provider: lot.provider });
  }
  await recordState(state, 'tender.contractsHandedOff', { contracts: state.contracts });
}

function contractTerms(state: TenderState) {
  const { termYears, extensionOptions, midtermReviewAfterMonths, accountabilityCadence, kpis, indexation, changeOptions, earlyTermination } = state.launch;
  return {
    termYears,
    extensionOptions,
    midtermReviewAfterMonths: midtermReviewAfterMonths ?? termYears * 6,
    accountabilityCadence,
    kpis,
    indexation,
    // The contract's own change options (VNG art. 1.4.1) and early-end option (art. 1.3.4).
    ...(changeOptions ? { changeOptions } : {}),
    ...(earlyTermination ? { earlyTermination } : {}),
  };
}

/** The cancel handler already recorded the cancellation and closed the open tasks. */
function finishCancelled(state: TenderState): TenderTimeline {
  return state.timeline();
}

