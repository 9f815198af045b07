/**
 * The intake of supplementary assignments on the contract term: taking a request in (one intake, "met
 * één mond"; a request that bypassed the contract line is taken in too, as side-steering) and the
 * joint panel's vetting: reject, accept within the contract on a legal ground (Aw 2012 art. 2.163b-d,
 * checked against the contract's one total per ground and counted before the first await), or advise
 * a separate contract. An accepted assignment starts its own term.
 */
import { patched, setHandler } from '@temporalio/workflow';
import type { VetRequest } from '../../domain/schemas/supplementary';
import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import { assessVettingRoute, type VettingRouteAssessment } from '../../domain/supplementary/vetting';
import type { SupplementaryAssignment } from '../../domain/supplementary/types';
import { today } from '../shared/clock';
import { parseUpdateInput, refuse } from '../shared/failures';
import { completeSupervisedTask, recordTaskChange } from '../shared/task-supervision';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import { assertActsAs } from './actor-checks';
import { SUPPLEMENTARY_INTAKE_PATCH, SupplementaryPortfolio } from './portfolio';
import { takeInRequestUpdate, vetRequestUpdate } from './supplementary-definitions';
import { supplementarySchemas } from '../shared/request-schemas';

/** The contract's portfolio, created at its first request (the decision carried across continue-as-new). */
export function portfolioOf(run: ContractTermRun): SupplementaryPortfolio {
  if (!run.portfolio) {
    if (!patched(SUPPLEMENTARY_INTAKE_PATCH)) throw refuse.conflict('This contract does not take supplementary assignments');
    run.portfolio = new SupplementaryPortfolio(run);
    // The sleeping main loop re-plans: bundling moments are on the agenda from now on.
    run.version++;
  }
  return run.portfolio;
}

export function registerTakeInRequest(run: ContractTermRun): void {
  setHandler(
    takeInRequestUpdate,
    async (raw) => {
      const { by, ...request } = parseUpdateInput(supplementarySchemas().takeInRequestSchema, raw);
      const portfolio = portfolioOf(run);
      const { assignment, task } = portfolio.takeIn(request, by);
      await portfolio.record({ assignments: [assignment] }, portfolio.event('supplementary.requestTakenIn', { assignmentId: assignment.id, sideSteering: assignment.sideSteering, source: assignment.source }, by));
      await portfolio.openAndSupervise(task);
      return assignment;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(supplementarySchemas().takeInRequestSchema, raw);
        if (run.status === 'ended') throw refuse.conflict('Contract has ended');
        const provider = run.input.provider.organisation;
        if (input.by.organisation === provider) assertActsAs(input.by, provider, SUPPLEMENTARY_ROLES.intakeProvider);
        else assertActsAs(input.by, run.commissioner, SUPPLEMENTARY_ROLES.intakeCommissioner);
        if (input.period.to < today()) throw refuse.invalid('period.to', `${input.period.to} lies in the past`);
        if (input.period.to > run.endDate) throw refuse.invalid('period.to', `the assignment ends after the contract does (${run.endDate}): a supplementary assignment runs within its contract`);
      },
    },
  );
}

/** The route assessed against the contract's totals now; a refusal names the request's field and the article. */
function assess(run: ContractTermRun, assignment: SupplementaryAssignment, input: VetRequest): VettingRouteAssessment | undefined {
  if (input.decision !== 'accept' || !input.route) return undefined;
  return assessVettingRoute(run.changeContext(), { route: input.route, reason: input.reason, ...(input.changeOptionId ? { changeOptionId: input.changeOptionId } : {}), ...(input.separateContract ? { separateContract: input.separateContract } : {}) }, assignment.budgetCents);
}

const refusedFields: Record<string, string> = { valueChangeCents: 'budgetCents', 'ground.changeOptionId': 'changeOptionId', 'ground.reason': 'reason' };

function validateVetting(run: ContractTermRun, input: VetRequest): void {
  const assignment = run.portfolio?.assignment(input.assignmentId);
  if (!assignment) throw refuse.notFound(`No supplementary assignment ${input.assignmentId} in this contract`);
  if (assignment.status !== 'vetting') throw refuse.conflict(`${assignment.id} has been vetted: ${assignment.status}`);
  if (run.status === 'ended') throw refuse.conflict('Contract has ended');
  assertActsAs(input.by, run.commissioner, SUPPLEMENTARY_ROLES.vetting);
  const route = assess(run, assignment, input);
  if (route && !route.leavesContract && !route.assessment.allowed) {
    const field = refusedFields[route.assessment.field ?? 'valueChangeCents'] ?? route.assessment.field ?? 'budgetCents';
    throw refuse.invalid(field, route.assessment.reason ?? 'no legal ground: a new procedure is needed (Aw 2012 art. 2.163a)');
  }
}

export function registerVetRequest(run: ContractTermRun): void {
  setHandler(vetRequestUpdate, (raw) => vet(run, parseUpdateInput(supplementarySchemas().vetRequestSchema, raw)), {
    validator: (raw) => validateVetting(run, parseUpdateInput(supplementarySchemas().vetRequestSchema, raw)),
  });
}

async function vet(run: ContractTermRun, input: VetRequest): Promise<SupplementaryAssignment> {
  const portfolio = run.portfolio!;
  const assignment = portfolio.assignment(input.assignmentId)!;
  const route = assess(run, assignment, input);
  // Decided and counted before the first await: a second vetting is refused by the validator.
  assignment.vetting = { decision: input.decision, reason: input.reason, decidedOn: today(), by: input.by, ...(input.route ? { route: input.route } : {}) };
  if (input.decision === 'reject') assignment.status = 'rejected';
  else if (!route || route.leavesContract) {
    assignment.status = 'leftContract';
    assignment.vetting.separateContract = input.separateContract;
  } else {
    assignment.status = 'awaitingConfirmation';
    assignment.vetting.ground = route.assessment.ground;
    assignment.vetting.assessment = route.assessment;
    run.countChange(route.ground, assignment.budgetCents);
    portfolio.refreshDrawn();
  }
  const task = run.tasks.find((t) => t.id === `${assignment.id}:vetting`);
  if (task?.status === 'open') completeSupervisedTask(task, input.by, assignment.status, input.reason);
  await portfolio.record({ assignments: [assignment], years: portfolio.state.years }, portfolio.event('supplementary.vetted', { assignmentId: assignment.id, decision: input.decision, route: input.route, status: assignment.status }, input.by));
  if (task) await recordTaskChange(run.ctx, task, 'task.completed', { outcome: assignment.status, note: input.reason }, input.by);
  if (assignment.status === 'awaitingConfirmation') {
    // A written change of the contract like any other: the midterm evidence lists it among the supplementary assignments.
    await run.record('contract.amended', {
      description: assignment.title,
      valueChangeCents: assignment.budgetCents,
      effectiveDate: assignment.period.from,
      kind: 'supplementaryAssignment',
      theme: assignment.theme,
      source: assignment.source.kind,
      assignmentId: assignment.id,
      ground: assignment.vetting.ground,
      assessment: assignment.vetting.assessment,
    }, input.by);
    await portfolio.startTerm(assignment);
  }
  return assignment;
}
