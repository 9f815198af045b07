/**
 * The yearly budget work on supplementary assignments, on the contract term: the flexible amount
 * (proposed from the past years' supplementary budgets, decided in the year's budget task), the
 * spending cap and the spending recorded against it (at 70% the provider is told, the consultation is
 * planned within 2 weeks and the decision within 2 weeks after: VNG contractstandaard Wmo art. 1.5),
 * and the contract's settings (what counts as small, the bundling moment).
 */
import { setHandler } from '@temporalio/workflow';
import { euro } from '../../domain/change-grounds';
import type { DecideFlexibleAmount, RecordSpending } from '../../domain/schemas/supplementary';
import { proposeFlexibleAmount } from '../../domain/supplementary/flexible-amount';
import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import { SPENDING_CAP_ALERT_PERCENT, SPENDING_CAP_ARTICLE, spendingAfter } from '../../domain/supplementary/spending-cap';
import type { SupplementaryYear } from '../../domain/supplementary/types';
import type { Actor } from '../../domain/schemas/actor';
import { today } from '../shared/clock';
import { parseUpdateInput, refuse } from '../shared/failures';
import { completeSupervisedTask, recordTaskChange } from '../shared/task-supervision';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import { assertActsAs } from './actor-checks';
import { portfolioOf } from './intake-actions';
import type { SupplementaryPortfolio } from './portfolio';
import { configureSupplementaryUpdate, decideFlexibleAmountUpdate, recordSpendingUpdate, setSpendingCapUpdate } from './supplementary-definitions';
import { supplementarySchemas } from '../shared/request-schemas';

function assertBudgetWork(run: ContractTermRun, by: Actor, year?: number): void {
  if (run.status === 'ended') throw refuse.conflict('Contract has ended');
  assertActsAs(by, run.commissioner, SUPPLEMENTARY_ROLES.budget);
  if (year !== undefined && year < Number(today().slice(0, 4))) throw refuse.invalid('year', `${year} has passed`);
}

export function registerDecideFlexibleAmount(run: ContractTermRun): void {
  setHandler(decideFlexibleAmountUpdate, (raw) => decideFlexibleAmount(run, parseUpdateInput(supplementarySchemas().decideFlexibleAmountSchema, raw)), {
    validator: (raw) => {
      const input = parseUpdateInput(supplementarySchemas().decideFlexibleAmountSchema, raw);
      assertBudgetWork(run, input.by, input.year);
    },
  });
}

/** The year's budget task (agenda version 3: due before the spring note of the year before) is where the amount is decided. */
function budgetTaskFor(run: ContractTermRun, year: number) {
  return run.tasks.find((t) => t.kind === 'budgetCycle' && t.status === 'open' && t.title.includes(String(year)));
}

async function decideFlexibleAmount(run: ContractTermRun, input: DecideFlexibleAmount): Promise<SupplementaryYear> {
  const portfolio = portfolioOf(run);
  const year = portfolio.year(input.year);
  const proposal = proposeFlexibleAmount(input.year, portfolio.state.assignments);
  year.flexibleAmount = { amountCents: input.amountCents, decidedOn: today(), by: input.by, proposal, ...(input.note ? { note: input.note } : {}) };
  portfolio.refreshDrawn();
  const task = budgetTaskFor(run, input.year);
  if (task) completeSupervisedTask(task, input.by, `flexibel bedrag ${euro(input.amountCents)}`, input.note);
  await portfolio.record({ years: [year] }, portfolio.event('supplementary.flexibleAmountDecided', { year: input.year, amountCents: input.amountCents, proposal }, input.by));
  if (task) await recordTaskChange(run.ctx, task, 'task.completed', { outcome: task.completion?.outcome }, input.by);
  return year;
}

export function registerSetSpendingCap(run: ContractTermRun): void {
  setHandler(
    setSpendingCapUpdate,
    async (raw) => {
      const input = parseUpdateInput(supplementarySchemas().setSpendingCapSchema, raw);
      const portfolio = portfolioOf(run);
      const year = portfolio.year(input.year);
      year.spendingCap = { capCents: input.capCents, setOn: today(), by: input.by };
      await portfolio.record({ years: [year] }, portfolio.event('supplementary.spendingCapSet', { year: input.year, capCents: input.capCents, article: SPENDING_CAP_ARTICLE }, input.by));
      return year;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(supplementarySchemas().setSpendingCapSchema, raw);
        assertBudgetWork(run, input.by, input.year);
      },
    },
  );
}

function validateSpending(run: ContractTermRun, input: RecordSpending): void {
  assertBudgetWork(run, input.by);
  const year = run.portfolio?.state.years.find((y) => y.year === input.year);
  if (!year?.spendingCap) throw refuse.conflict(`The contract has no spending cap for ${input.year}: set it first (${SPENDING_CAP_ARTICLE})`);
  if (run.portfolio!.state.spendingReferences[input.year]?.includes(input.reference)) throw refuse.conflict(`Spending with reference ${input.reference} is recorded for ${input.year} already`);
}

export function registerRecordSpending(run: ContractTermRun): void {
  setHandler(recordSpendingUpdate, (raw) => recordSpending(run, parseUpdateInput(supplementarySchemas().recordSpendingSchema, raw)), {
    validator: (raw) => validateSpending(run, parseUpdateInput(supplementarySchemas().recordSpendingSchema, raw)),
  });
}

async function recordSpending(run: ContractTermRun, input: RecordSpending): Promise<SupplementaryYear> {
  const portfolio = run.portfolio!;
  const year = portfolio.year(input.year);
  const after = spendingAfter(year, input.amountCents, today());
  year.spentCents = after.spentCents;
  (portfolio.state.spendingReferences[input.year] ??= []).push(input.reference);
  if (after.alert) year.capAlert = after.alert;
  await portfolio.record({ years: [year] }, portfolio.event('supplementary.spendingRecorded', { year: input.year, amountCents: input.amountCents, reference: input.reference, description: input.description, spentCents: year.spentCents, percent: after.percent }, input.by));
  if (after.alert) await alertAtSeventyPercent(run, portfolio, year);
  return year;
}

/** VNG art. 1.5: at 70% of the cap the municipality tells the provider, consults within 2 weeks and decides within 2 weeks after. */
async function alertAtSeventyPercent(run: ContractTermRun, portfolio: SupplementaryPortfolio, year: SupplementaryYear): Promise<void> {
  const alert = year.capAlert!;
  const consultation = portfolio.addTask({
    id: `${portfolio.contractId}:spendingCapConsultation:${year.year}`,
    kind: 'spendingCapConsultation',
    title: `Bestedingsruimte ${year.year}: ${alert.percent}% bereikt, overleg met de opdrachtnemer (${SPENDING_CAP_ARTICLE})`,
    role: 'contractManager',
    organisation: run.commissioner,
    dueDate: alert.consultationDue,
  });
  const decision = portfolio.addTask({
    id: `${portfolio.contractId}:spendingCapDecision:${year.year}`,
    kind: 'spendingCapDecision',
    title: `Bestedingsruimte ${year.year}: besluit na het overleg (${SPENDING_CAP_ARTICLE})`,
    role: 'manager',
    organisation: run.commissioner,
    dueDate: alert.decisionDue,
  });
  await portfolio.record({}, portfolio.event('supplementary.spendingCapAlert', { year: year.year, ...alert, article: SPENDING_CAP_ARTICLE }));
  await portfolio.tellProvider(
    `spendingCap:${year.year}:alert`,
    `Bestedingsruimte ${year.year}: ${alert.percent}% bereikt`,
    [
      `De besteding onder het contract "${run.input.title}" heeft ${alert.percent}% van de bestedingsruimte voor ${year.year} bereikt (${euro(year.spentCents)} van ${euro(year.spendingCap!.capCents)}); de grens voor deze melding is ${SPENDING_CAP_ALERT_PERCENT}%.`,
      `De gemeente plant het overleg uiterlijk ${alert.consultationDue} en besluit uiterlijk ${alert.decisionDue} (${SPENDING_CAP_ARTICLE}).`,
    ].join('\n\n'),
  );
  await portfolio.openAndSupervise(consultation);
  await portfolio.openAndSupervise(decision);
}

export function registerConfigureSupplementary(run: ContractTermRun): void {
  setHandler(
    configureSupplementaryUpdate,
    async (raw) => {
      const { by, ...settings } = parseUpdateInput(supplementarySchemas().configureSupplementarySchema, raw);
      const portfolio = portfolioOf(run);
      portfolio.state.settings = { ...portfolio.state.settings, ...settings };
      // A new bundling moment re-plans the agenda.
      run.version++;
      await portfolio.record({}, portfolio.event('supplementary.configured', { settings: portfolio.state.settings }, by));
      return portfolio.state.settings;
    },
    {
      validator: (raw) => {
        const input = parseUpdateInput(supplementarySchemas().configureSupplementarySchema, raw);
        assertBudgetWork(run, input.by);
      },
    },
  );
}
