/**
 * Bundling at the bundling moment: the manager approves (or edits) the proposal; an approved bundle is
 * earmarked for its goal, its assignments' reporting merges into the bundle's one regime, and the
 * provider is told. A bundle that adds spending caps together waits for written consent: the provider
 * may add caps up only when the commissioner consents in writing and, after a European procedure, the
 * sum is no substantial change under the Aanbestedingswet (VNG contractstandaard Wmo art. 1.5.8). The
 * college (or the manager holding its mandate) gives it, recorded as written with its document, and the
 * provider receives it as a letter.
 */
import { setHandler } from '@temporalio/workflow';
import { euro } from '../../domain/change-grounds';
import { addDaysTo } from '../../domain/dates';
import type { ApproveBundling, ConsentToCombinedCaps } from '../../domain/schemas/supplementary';
import { bundleNeedsWrittenConsent, COMBINED_SPENDING_CAPS_ARTICLE } from '../../domain/supplementary/bundling';
import { CONSENT_DAYS, SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import type { SupplementaryBundle } from '../../domain/supplementary/types';
import { today } from '../shared/clock';
import { parseUpdateInput, refuse } from '../shared/failures';
import { completeSupervisedTask, recordTaskChange } from '../shared/task-supervision';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import { assertActsAs } from './actor-checks';
import type { SupplementaryPortfolio } from './portfolio';
import { approveBundlingUpdate, consentToCombinedCapsUpdate, supplementaryBundleId } from './supplementary-definitions';
import { supplementarySchemas } from '../shared/request-schemas';

const bundlable = ['awaitingConfirmation', 'confirmed', 'active'];

function validateBundling(run: ContractTermRun, input: ApproveBundling): void {
  const portfolio = run.portfolio;
  assertActsAs(input.by, run.commissioner, SUPPLEMENTARY_ROLES.budget);
  if (!portfolio?.state.pendingBundling.some((p) => p.year === input.year)) throw refuse.conflict(`No bundling moment for ${input.year} is open`);
  input.bundles.forEach((bundle, b) =>
    bundle.assignmentIds.forEach((id, i) => {
      const field = `bundles.${b}.assignmentIds.${i}`;
      const assignment = portfolio.assignment(id);
      if (!assignment) throw refuse.invalid(field, `No supplementary assignment ${id} in this contract`);
      if (!bundlable.includes(assignment.status)) throw refuse.invalid(field, `${id} is ${assignment.status}: only accepted, running assignments are bundled`);
      if (assignment.bundleId) throw refuse.invalid(field, `${id} is in bundle ${assignment.bundleId} already`);
      if (assignment.budgetCents >= portfolio.state.settings.smallBudgetBelowCents) {
        throw refuse.invalid(field, `${id} is not a small budget (from ${portfolio.state.settings.smallBudgetBelowCents} cents on): bundling groups small budgets`);
      }
    }),
  );
}

export function registerApproveBundling(run: ContractTermRun): void {
  setHandler(approveBundlingUpdate, (raw) => approveBundling(run, parseUpdateInput(supplementarySchemas().approveBundlingSchema, raw)), {
    validator: (raw) => validateBundling(run, parseUpdateInput(supplementarySchemas().approveBundlingSchema, raw)),
  });
}

async function approveBundling(run: ContractTermRun, input: ApproveBundling): Promise<SupplementaryBundle[]> {
  const portfolio = run.portfolio!;
  const pending = portfolio.state.pendingBundling.find((p) => p.year === input.year)!;
  portfolio.state.pendingBundling = portfolio.state.pendingBundling.filter((p) => p !== pending);
  const sequence = portfolio.state.bundles.filter((b) => b.year === input.year).length;
  const bundles = input.bundles.map((bundle, index): SupplementaryBundle => {
    const members = bundle.assignmentIds.map((id) => portfolio.assignment(id)!);
    const combinesSpendingCaps = bundleNeedsWrittenConsent(members);
    return {
      id: supplementaryBundleId(portfolio.contractId, input.year, sequence + index + 1),
      contractId: portfolio.contractId,
      year: input.year,
      theme: bundle.theme,
      goal: bundle.goal,
      assignmentIds: bundle.assignmentIds,
      budgetCents: members.reduce((sum, a) => sum + a.budgetCents, 0),
      combinesSpendingCaps,
      status: combinesSpendingCaps ? 'awaitingConsent' : 'earmarked',
      approvedOn: today(),
      approvedBy: input.by,
    };
  });
  portfolio.state.bundles.push(...bundles);
  for (const bundle of bundles) if (bundle.status === 'earmarked') merge(portfolio, bundle);
  const task = run.tasks.find((t) => t.id === pending.taskId);
  if (task?.status === 'open') completeSupervisedTask(task, input.by, `${bundles.length} bundel(s)`, input.note);
  await portfolio.record({ bundles, assignments: bundles.flatMap((b) => b.assignmentIds.map((id) => portfolio.assignment(id)!)) }, portfolio.event('supplementary.bundlingApproved', { year: input.year, bundles: bundles.map((b) => ({ id: b.id, status: b.status, assignmentIds: b.assignmentIds })) }, input.by));
  if (task) await recordTaskChange(run.ctx, task, 'task.completed', { outcome: task.completion?.outcome }, input.by);
  for (const bundle of bundles) await (bundle.status === 'earmarked' ? announce(portfolio, bundle) : askConsent(run, portfolio, bundle));
  return bundles;
}

/** The bundle's assignments report in its one regime from now on; each assignment's term hears of it. */
function merge(portfolio: SupplementaryPortfolio, bundle: SupplementaryBundle): void {
  for (const id of bundle.assignmentIds) {
    const assignment = portfolio.assignment(id)!;
    assignment.bundleId = bundle.id;
    assignment.regime = 'bundle';
    portfolio.tell(id, { bundled: { bundleId: bundle.id, goal: bundle.goal } });
  }
}

async function announce(portfolio: SupplementaryPortfolio, bundle: SupplementaryBundle): Promise<void> {
  await portfolio.tellProvider(
    `bundle:${bundle.id}:earmarked`,
    `Aanvullende opdrachten gebundeld: ${bundle.theme} (${bundle.goal})`,
    [
      `De gemeente heeft ${bundle.assignmentIds.length} aanvullende opdrachten gebundeld en het budget van ${euro(bundle.budgetCents)} geoormerkt voor het doel "${bundle.goal}" (thema ${bundle.theme}).`,
      'Vanaf nu legt u over deze opdrachten samen verantwoording af, in één regime, in de verantwoordingsgesprekken van het contract.',
      `Opdrachten: ${bundle.assignmentIds.join(', ')}.`,
    ].join('\n\n'),
  );
}

async function askConsent(run: ContractTermRun, portfolio: SupplementaryPortfolio, bundle: SupplementaryBundle): Promise<void> {
  const task = portfolio.addTask({
    id: `${bundle.id}:consent`,
    kind: 'supplementaryCapConsent',
    title: `Schriftelijke toestemming: bestedingsruimtes optellen in bundel ${bundle.theme} (${COMBINED_SPENDING_CAPS_ARTICLE})`,
    role: 'college',
    organisation: run.commissioner,
    dueDate: addDaysTo(today(), CONSENT_DAYS),
  });
  await portfolio.openAndSupervise(task);
}

function validateConsent(run: ContractTermRun, input: ConsentToCombinedCaps): void {
  const bundle = run.portfolio?.bundle(input.bundleId);
  if (!bundle) throw refuse.notFound(`No bundle ${input.bundleId} in this contract`);
  if (bundle.status !== 'awaitingConsent') throw refuse.conflict(`Bundle ${bundle.id} is ${bundle.status}: it does not wait for consent`);
  assertActsAs(input.by, run.commissioner, SUPPLEMENTARY_ROLES.consent);
  if (input.consent && afterEuropeanProcedure(run) && input.noSubstantialChange !== true) {
    throw refuse.invalid('noSubstantialChange', `after a European procedure, caps are added up only when that is no substantial change under the Aanbestedingswet 2012 (${COMBINED_SPENDING_CAPS_ARTICLE}; Aw 2012 art. 2.163a): confirm it`);
  }
}

/** Contracts from a European procedure (the open procedure, and the light regime for social services above the threshold). */
function afterEuropeanProcedure(run: ContractTermRun): boolean {
  return run.input.procurementForm === 'europeanOpen' || run.input.procurementForm === 'socialServicesLightRegime';
}

export function registerConsentToCombinedCaps(run: ContractTermRun): void {
  setHandler(consentToCombinedCapsUpdate, (raw) => consent(run, parseUpdateInput(supplementarySchemas().consentToCombinedCapsSchema, raw)), {
    validator: (raw) => validateConsent(run, parseUpdateInput(supplementarySchemas().consentToCombinedCapsSchema, raw)),
  });
}

async function consent(run: ContractTermRun, input: ConsentToCombinedCaps): Promise<SupplementaryBundle> {
  const portfolio = run.portfolio!;
  const bundle = portfolio.bundle(input.bundleId)!;
  bundle.consent = {
    consent: input.consent,
    documentReference: input.documentReference,
    on: today(),
    by: input.by,
    ...(input.noSubstantialChange !== undefined ? { noSubstantialChange: input.noSubstantialChange } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  bundle.status = input.consent ? 'earmarked' : 'consentRefused';
  if (input.consent) merge(portfolio, bundle);
  const task = run.tasks.find((t) => t.id === `${bundle.id}:consent`);
  if (task?.status === 'open') completeSupervisedTask(task, input.by, input.consent ? 'written consent' : 'consent refused', input.documentReference);
  await portfolio.record(
    { bundles: [bundle], assignments: bundle.assignmentIds.map((id) => portfolio.assignment(id)!) },
    portfolio.event('supplementary.combinedCapsConsent', { bundleId: bundle.id, consent: input.consent, written: true, documentReference: input.documentReference, article: COMBINED_SPENDING_CAPS_ARTICLE }, input.by),
  );
  if (task) await recordTaskChange(run.ctx, task, 'task.completed', { outcome: task.completion?.outcome, note: input.documentReference }, input.by);
  await consentLetter(portfolio, bundle);
  if (input.consent) await announce(portfolio, bundle);
  return bundle;
}

/** The written consent (or its refusal) reaches the provider as a letter. */
async function consentLetter(portfolio: SupplementaryPortfolio, bundle: SupplementaryBundle): Promise<void> {
  const consent = bundle.consent!;
  await portfolio.tellProvider(
    `bundle:${bundle.id}:consent`,
    `${consent.consent ? 'Toestemming' : 'Geen toestemming'}: bestedingsruimtes optellen in bundel ${bundle.theme}`,
    [
      consent.consent
        ? `De gemeente geeft schriftelijk toestemming om de bestedingsruimtes van de opdrachten ${bundle.assignmentIds.join(', ')} bij elkaar op te tellen voor het doel "${bundle.goal}" (${COMBINED_SPENDING_CAPS_ARTICLE}).`
        : `De gemeente geeft geen toestemming om de bestedingsruimtes van de opdrachten ${bundle.assignmentIds.join(', ')} op te tellen; zij blijven los (${COMBINED_SPENDING_CAPS_ARTICLE}).`,
      `Kenmerk: ${consent.documentReference}. Besloten op ${consent.on}.`,
    ].join('\n\n'),
  );
}
