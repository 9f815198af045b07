/**
 * The midterm review of one contract (tussentijdse evaluatie, revision clause VNG contractstandaard
 * Wmo art. 1.4), a child of the contract term workflow started at the review date:
 *   1. the evidence is assembled from PostgreSQL and recorded ('midterm.evidenceAssembled');
 *   2. the commissioner's contract manager gets a review meeting task (due 30 days after the review
 *      date, with reminders, escalated to the manager when overdue); it is completed by
 *   3. the decision (Update recordMidtermDecision): continue, end, or revise with a written addendum
 *      (description, value change, effective date at most 6 months after the decision) and its legal
 *      ground (Aw 2012 art. 2.163b de minimis, with its warning from 80% of the limit; art. 2.163c a
 *      change option of the contract, VNG art. 1.4.1; art. 2.163d additional services). A revision no
 *      ground covers needs a new procedure and is refused; an 'end' the contract's option of VNG
 *      art. 1.3.4 does not allow is refused too;
 *   4. after a revision the provider's contract contact gets a task to respond (Update
 *      respondToRevision): accepting records the amendment ('contract.amended'); refusing ends the
 *      contract on the day the change would take effect (VNG art. 1.4.2), and the result says so;
 *   5. the result is what the parent contract term workflow acts on: it counts an accepted revision
 *      under its ground.
 * From `patched(MIDTERM_ASKS_CONTRACT_PATCH)` on, the review asks the contract for its change totals
 * at the start (changeTotalsRequestSignal, see contract-definitions) and hears of every change during
 * the review, instead of trusting the snapshot it was started with. When the contract ends early, it
 * cancels the review: the open tasks are cancelled and the review completes, closed.
 */
import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { amendmentInputProblem, assertRevisionEffectiveDate } from '../../domain/amendment-limits';
import { assessChange, type ChangeGroundAssessment, type ChangeGroundInput, type ChangeTotals, changeTotalsFromLegacy } from '../../domain/change-grounds';
import { EARLY_TERMINATION_ARTICLE, noticeMonthsOf } from '../../domain/early-end';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { failureTypes } from '../../domain/errors';
import type { Role } from '../../domain/glossary';
import { type Revision } from '../../domain/schemas/midterm';
import { activities } from '../shared/activities';
import { recipientsOf } from '../shared/recipients';
import { now, today } from '../shared/clock';
import { changeTotalsRequestSignal } from '../contract-term/contract-definitions';
import { parseUpdateInput as parse, refuse } from '../shared/failures';
import {
  type MidtermDecisionView,
  type MidtermPhase,
  type MidtermReviewInput,
  type MidtermReviewResult,
  type MidtermReviewView,
  type MidtermTaskView,
  contractChangeTotalsSignal,
  midtermReviewQuery,
  type ProviderResponseView,
  recordMidtermDecisionUpdate,
  respondToRevisionUpdate,
} from './midterm-definitions';
import { completeTaskUpdate } from '../shared/complete-task';
import {
  assertMayComplete,
  cancelSupervisedTask,
  completeSupervisedTask,
  createTask,
  newEvent,
  openTask,
  recordTaskChange,
  type SupervisedTask,
  superviseTask,
  supervisedTaskView,
  type TaskOwnerContext,
} from '../shared/task-supervision';
import type { MidtermEvidenceSummary } from '../../activities/assemble-midterm-evidence';
import { midtermSchemas, tenderActionSchemas } from '../shared/request-schemas';
import { midtermDecisionLabels } from '../../domain/glossary';

/** The review meeting is due this many days after the review date. */
export const MIDTERM_REVIEW_MEETING_DAYS = 30;
/**
 * The provider responds to a revision within this many days of the decision, and before the
 * revision takes effect (the clause sets no term: a working assumption, one month).
 */
export const REVISION_RESPONSE_DAYS = 30;

/** The review asks the contract for its change totals instead of using the snapshot in its input. */
export const MIDTERM_ASKS_CONTRACT_PATCH = 'midterm-asks-contract';
/** How long the review waits for the contract's answer before it falls back to the snapshot. */
const CONTRACT_ANSWER_TIMEOUT = '1 day';

export const MIDTERM_TASK_KINDS = { reviewMeeting: 'midtermReview', revisionResponse: 'midtermRevisionResponse' } as const;

/** Provider roles that may answer for the provider. */
const PROVIDER_RESPONDERS: readonly Role[] = ['contractContact', 'director'];

interface MidtermState {
  phase: MidtermPhase;
  evidence?: MidtermEvidenceSummary;
  tasks: SupervisedTask[];
  reviewTask?: SupervisedTask;
  providerTask?: SupervisedTask;
  decision?: MidtermDecisionView;
  decisionRecorded: boolean;
  providerResponse?: ProviderResponseView;
  responseRecorded: boolean;
  amendmentRecorded: boolean;
  providerEnds: boolean;
  /** The contract's change totals, as it last told them; absent: the snapshot of the input applies. */
  totals?: ChangeTotals;
}

export async function midtermReviewWorkflow(input: MidtermReviewInput): Promise<MidtermReviewResult> {
  assertValues(input);
  const state: MidtermState = { phase: 'assemblingEvidence', tasks: [], decisionRecorded: false, responseRecorded: false, amendmentRecorded: false, providerEnds: false };
  const ctx = taskContext(input, workflowInfo().workflowId);

  setHandler(midtermReviewQuery, () => view(input, state));
  setHandler(contractChangeTotalsSignal, (totals) => {
    state.totals = totals;
  });
  registerActions(input, state, ctx);
  try {
    return await runReview(input, state, ctx);
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // The contract ended early: the open tasks are closed, so they leave the overviews, and the review completes, closed.
    return await CancellationScope.nonCancellable(() => closeReview(input, state, ctx));
  }
}

/** Asks the contract for its change totals; without an answer (no contract, a contract gone) the snapshot stays. */
async function askContract(input: MidtermReviewInput, state: MidtermState, ctx: TaskOwnerContext): Promise<void> {
  try {
    await getExternalWorkflowHandle(input.contractWorkflowId).signal(changeTotalsRequestSignal, { workflowId: ctx.workflowId });
    if (await condition(() => state.totals !== undefined, CONTRACT_ANSWER_TIMEOUT)) return;
  } catch (error) {
    if (isCancellation(error)) throw error;
  }
  await activities.recordEvent(
    newEvent(ctx, 'midterm.contractUnreachable', { contractWorkflowId: input.contractWorkflowId, previousChangesCents: input.previousChangesCents }),
  );
}

async function closeReview(input: MidtermReviewInput, state: MidtermState, ctx: TaskOwnerContext): Promise<MidtermReviewResult> {
  const open = state.tasks.filter((t) => t.status === 'open');
  open.forEach(cancelSupervisedTask);
  for (const task of open) await recordTaskChange(ctx, task, 'task.cancelled', { reason: 'contract ended early: midterm review closed' });
  state.phase = 'completed';
  const decision = state.decision;
  const result: MidtermReviewResult = {
    decision: decision?.decision ?? 'end',
    rationale: decision?.rationale ?? 'De overeenkomst eindigt vervroegd; de tussentijdse evaluatie is gesloten.',
    decidedOn: decision?.decidedOn ?? today(),
    ...(decision?.revision ? { revision: decision.revision } : {}),
    amendmentRecorded: state.amendmentRecorded,
    providerEnds: state.providerEnds,
    closedByContractEnd: true,
  };
  await activities.recordEvent(newEvent(ctx, 'midterm.closed', { ...result, cancelledTaskIds: open.map((t) => t.id) }));
  return result;
}

async function runReview(input: MidtermReviewInput, state: MidtermState, ctx: TaskOwnerContext): Promise<MidtermReviewResult> {
  if (patched(MIDTERM_ASKS_CONTRACT_PATCH)) await askContract(input, state, ctx);

  // 1. The evidence, as of now.
  const evidence = await activities.assembleMidtermEvidence({ contractId: input.contractId, asOf: now().toISOString() });
  state.evidence = evidence.summary;
  await activities.recordEvent(
    newEvent(ctx, 'midterm.evidenceAssembled', {
      contractWorkflowId: input.contractWorkflowId,
      reviewDate: input.reviewDate,
      asOf: evidence.asOf,
      summary: evidence.summary,
      taskStatistics: evidence.taskStatistics,
      accountabilityOutcomeEventIds: evidence.accountabilityOutcomes.map((o) => o.eventId),
      amendments: evidence.amendments,
      supplementaryAssignments: evidence.supplementaryAssignments,
      kpiSeries: evidence.kpiSeries,
      unreadableAccountabilityOutcomes: evidence.unreadableAccountabilityOutcomes,
    }),
  );

  // 2 and 3. The review meeting, completed by the decision.
  const reviewTask = createTask({
    id: `${input.contractId}:${MIDTERM_TASK_KINDS.reviewMeeting}`,
    kind: MIDTERM_TASK_KINDS.reviewMeeting,
    title: 'Tussentijdse evaluatie: evaluatiegesprek en besluit',
    role: 'contractManager',
    organisation: input.commissioner,
    dueDate: addDaysTo(input.reviewDate, MIDTERM_REVIEW_MEETING_DAYS),
  });
  state.tasks.push(reviewTask);
  state.reviewTask = reviewTask;
  await openTask(ctx, reviewTask);
  state.phase = 'decision';
  await superviseTask(ctx, reviewTask);
  await condition(() => state.decisionRecorded);
  const decision = state.decision!;

  // 4. After a revision, the provider's response.
  if (decision.decision === 'revise') {
    const revision = decision.revision!;
    const latest = addDaysTo(decision.decidedOn, REVISION_RESPONSE_DAYS);
    const providerTask = createTask({
      id: `${input.contractId}:${MIDTERM_TASK_KINDS.revisionResponse}`,
      kind: MIDTERM_TASK_KINDS.revisionResponse,
      title: 'Reactie op herziening (addendum, herzieningsclausule)',
      role: 'contractContact',
      organisation: input.provider,
      dueDate: revision.effectiveDate < latest ? revision.effectiveDate : latest,
    });
    state.tasks.push(providerTask);
    state.providerTask = providerTask;
    await openTask(ctx, providerTask);
    state.phase = 'providerResponse';
    await superviseTask(ctx, providerTask);
    await condition(() => state.responseRecorded);
  }

  // 5. The result for the parent.
  state.phase = 'completed';
  const result: MidtermReviewResult = {
    decision: decision.decision,
    rationale: decision.rationale,
    decidedOn: decision.decidedOn,
    ...(decision.revision ? { revision: decision.revision } : {}),
    amendmentRecorded: state.amendmentRecorded,
    providerEnds: state.providerEnds,
    ...(decision.override ? { override: decision.override } : {}),
    ...(decision.assessment ? { assessment: decision.assessment } : {}),
    ...(decision.changeGround ? { ground: decision.changeGround.ground } : {}),
  };
  await activities.recordEvent(newEvent(ctx, 'midterm.completed', { ...result }));
  await condition(allHandlersFinished);
  return result;
}

/** The contract values must make an assessment possible; a bad input is the parent's bug. */
function assertValues(input: MidtermReviewInput): void {
  const problem = amendmentInputProblem({
    initialValueCents: input.initialValueCents,
    previousChangesCents: input.previousChangesCents,
    proposedChangeCents: 0,
  });
  if (problem) {
    throw ApplicationFailure.create({
      type: failureTypes.invalidArgument,
      message: `Invalid midterm review input: ${problem.field}: ${problem.message}`,
      details: [{ field: problem.field }],
      nonRetryable: true,
    });
  }
}

function taskContext(input: MidtermReviewInput, workflowId: string): TaskOwnerContext {
  const recipients = (role: Role, organisation: string) => recipientsOf(input.stakeholders, role, organisation);
  return {
    workflowId,
    contractId: input.contractId,
    commissioner: input.commissioner,
    provider: input.provider,
    subjectTitle: input.title,
    reminderDaysBefore: input.reminderDaysBefore,
    recipients,
    // The review is the commissioner's: its manager hears of a late review; of a late response from
    // the provider, the contract manager and the manager hear.
    escalationTo: (task) =>
      task.kind === MIDTERM_TASK_KINDS.revisionResponse
        ? [{ role: 'contractManager', organisation: input.commissioner }, { role: 'manager', organisation: input.commissioner }]
        : [{ role: 'manager', organisation: input.commissioner }],
  };
}

/** The revision against its legal ground, with the contract's totals as it last told them (else the snapshot). */
function assess(input: MidtermReviewInput, state: MidtermState, revision: Revision, ground: ChangeGroundInput = { basis: 'deMinimis' }): ChangeGroundAssessment {
  return assessChange(
    {
      initialValueCents: input.initialValueCents,
      procurementForm: input.procurementForm,
      changeOptions: input.changeOptions ?? [],
      totals: state.totals ?? changeTotalsFromLegacy(input.previousChangesCents),
    },
    ground,
    revision.valueChangeCents,
  );
}

function registerActions(input: MidtermReviewInput, state: MidtermState, ctx: TaskOwnerContext): void {
  /**
   * Every task of this review is completed by its own action, which records what the task is for:
   * the review meeting by the decision, the provider's task by the response. The API sends
   * completeTask for any task to the workflow that owns it: this answers with what to do instead.
   */
  const assertCompletable = (raw: unknown): SupervisedTask => {
    const request = parse(tenderActionSchemas().completeTaskSchema, raw);
    const task = state.tasks.find((t) => t.id === request.taskId);
    if (!task) throw refuse.notFound(`No task ${request.taskId} in this midterm review`);
    if (task.status !== 'open') throw refuse.conflict(`Task ${task.id} is ${task.status}`);
    assertMayComplete(task, request.by);
    throw refuse.conflict(
      task.kind === MIDTERM_TASK_KINDS.reviewMeeting
        ? 'The review meeting task is completed by recording the midterm decision (recordMidtermDecision: continue, revise or end)'
        : 'The revision response task is completed by responding to the revision (respondToRevision: accept or refuse)',
    );
  };
  setHandler(completeTaskUpdate, (raw) => supervisedTaskView(assertCompletable(raw)), { validator: (raw) => void assertCompletable(raw) });

  setHandler(
    recordMidtermDecisionUpdate,
    async (raw) => {
      const request = parse(midtermSchemas().recordMidtermDecisionSchema, raw);
      const task = state.reviewTask!;
      state.phase = 'decided';
      const decidedAt = now();
      const changeGround = request.revision ? assess(input, state, request.revision, request.ground) : undefined;
      const assessment = changeGround?.deMinimis;
      const decision: MidtermDecisionView = {
        decision: request.decision,
        rationale: request.rationale,
        by: request.by,
        decidedAt: decidedAt.toISOString(),
        decidedOn: toIsoDate(decidedAt),
        ...(request.revision ? { revision: request.revision } : {}),
        ...(assessment ? { assessment } : {}),
        ...(changeGround ? { changeGround } : {}),
      };
      state.decision = decision;
      const outcome = `Besluit: ${midtermDecisionLabels[request.decision]}`;
      completeSupervisedTask(task, request.by, outcome, request.rationale);
      await recordTaskChange(ctx, task, 'task.completed', { outcome, decision: request.decision }, request.by);
      await activities.recordEvent(
        newEvent(
          ctx,
          'midterm.decided',
          {
            decision: request.decision,
            rationale: request.rationale,
            decidedOn: decision.decidedOn,
            ...(request.revision ? { revision: request.revision } : {}),
            ...(assessment
              ? {
                  assessment: {
                    allowed: assessment.allowed,
                    cumulativeChangeCents: assessment.cumulativeChangeCents,
                    limitCents: assessment.limitCents,
                    bindingLimit: assessment.bindingLimit,
                    percentOfLimit: assessment.percentOfLimit,
                    ...(assessment.warning ? { warning: assessment.warning } : {}),
                    ...(assessment.reason ? { reason: assessment.reason } : {}),
                  },
                }
              : {}),
            ...(changeGround ? { ground: changeGround.ground, groundAssessment: { allowed: changeGround.allowed, cumulativeChangeCents: changeGround.cumulativeChangeCents, limitCents: changeGround.limitCents } } : {}),
          },
          request.by,
        ),
      );
      state.decisionRecorded = true;
      return decision;
    },
    {
      validator: (raw) => {
        const request = parse(midtermSchemas().recordMidtermDecisionSchema, raw);
        if (state.phase !== 'decision') throw refuse.conflict(`The midterm decision can only be recorded in the decision phase (now: ${state.phase})`);
        assertMayComplete(state.reviewTask!, request.by);
        if (request.revision) {
          const problem = assertRevisionEffectiveDate(today(), request.revision.effectiveDate);
          if (problem) throw refuse.invalid('revision.effectiveDate', problem);
          const assessment = assess(input, state, request.revision, request.ground);
          if (!assessment.allowed) {
            const field = assessment.field === 'valueChangeCents' || !assessment.field ? 'revision.valueChangeCents' : assessment.field;
            throw refuse.invalid(field, assessment.reason ?? 'no legal ground: a new procedure is needed (Aw 2012 art. 2.163a)');
          }
        }
        // An 'end' follows the contract's option (art. 1.3.4); reviews started before it knew no option.
        if (request.decision === 'end' && input.earlyTermination && noticeMonthsOf(input.earlyTermination, 'commissioner') === undefined) {
          throw refuse.invalid(
            'decision',
            `Het contract laat de opdrachtgever niet tussentijds beëindigen (optie '${input.earlyTermination.option}', ${EARLY_TERMINATION_ARTICLE}): ` +
              `besluit tot voortzetten of herzien, of niet verlengen aan het einde van de looptijd. / The contract's option does not let the commissioner end it early (${EARLY_TERMINATION_ARTICLE}).`,
          );
        }
      },
    },
  );

  setHandler(
    respondToRevisionUpdate,
    async (raw) => {
      const request = parse(midtermSchemas().respondToRevisionSchema, raw);
      const task = state.providerTask!;
      const decision = state.decision!;
      const revision = decision.revision!;
      const response: ProviderResponseView = { accept: request.accept, note: request.note, by: request.by, at: now().toISOString() };
      state.providerResponse = response;
      const outcome = request.accept ? 'Herziening aanvaard' : 'Herziening geweigerd';
      completeSupervisedTask(task, request.by, outcome, request.note);
      await recordTaskChange(ctx, task, 'task.completed', { outcome, accept: request.accept }, request.by);
      if (request.accept) {
        await activities.recordEvent(
          newEvent(
            ctx,
            'contract.amended',
            {
              source: 'midtermReview',
              description: revision.description,
              valueChangeCents: revision.valueChangeCents,
              effectiveDate: revision.effectiveDate,
              decidedOn: decision.decidedOn,
              decidedBy: decision.by,
              cumulativeChangeCents: decision.changeGround?.cumulativeChangeCents ?? decision.assessment?.cumulativeChangeCents,
              ...(decision.changeGround ? { ground: decision.changeGround.ground } : {}),
              ...(decision.override ? { override: decision.override } : {}),
              note: request.note,
            },
            request.by,
          ),
        );
        state.amendmentRecorded = true;
      } else {
        await activities.recordEvent(
          newEvent(ctx, 'midterm.revisionRefused', { revision, decidedOn: decision.decidedOn, note: request.note, providerMayEnd: true }, request.by),
        );
        state.providerEnds = true;
      }
      state.responseRecorded = true;
      return response;
    },
    {
      validator: (raw) => {
        const request = parse(midtermSchemas().respondToRevisionSchema, raw);
        const task = state.providerTask;
        if (state.phase !== 'providerResponse' || !task || task.status !== 'open' || state.providerResponse) {
          throw refuse.conflict(`A response to a revision can only be given while one is awaited (now: ${state.phase})`);
        }
        if (request.by.organisation !== task.organisation || !PROVIDER_RESPONDERS.includes(request.by.role)) {
          throw refuse.forbidden(`Only the contract contact or director of ${task.organisation} responds to this revision`);
        }
      },
    },
  );
}

function taskViewOf(task: SupervisedTask): MidtermTaskView {
  return supervisedTaskView(task) as MidtermTaskView;
}

function view(input: MidtermReviewInput, state: MidtermState): MidtermReviewView {
  return {
    contractId: input.contractId,
    phase: state.phase,
    reviewDate: input.reviewDate,
    ...(state.evidence ? { evidence: state.evidence } : {}),
    tasks: state.tasks.map(taskViewOf),
    ...(state.decision ? { decision: state.decision } : {}),
    ...(state.providerResponse ? { providerResponse: state.providerResponse } : {}),
    amendmentRecorded: state.amendmentRecorded,
    providerEnds: state.providerEnds,
  };
}
