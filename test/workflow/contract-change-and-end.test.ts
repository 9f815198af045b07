/**
 * Legal grounds for changes (Aw 2012 art. 2.163b-d) and the end of a contract (VNG contractstandaard
 * Wmo art. 1.3.4 and 1.4.2) in the contract term workflow, on Temporal's time-skipping test server
 * with a real database and SMTP server: amendments with their ground, the midterm review asking the
 * contract for its totals (patched('midterm-asks-contract')) and the contract counting its revision,
 * early ends per the contract's option with a letter to the other party, the provider's refusal of a
 * revision ending the contract on the day the change would take effect, and the children closed
 * (patched('contract-end-per-clause')).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { addDaysTo, addMonthsTo, toIsoDate } from '../../domain/dates';
import { computeContractSchedule } from '../../domain/contract-schedule';
import { accountabilityWorkflowId } from '../../workflows/accountability-cycle/accountability-definitions';
import { amendContractUpdate, type ContractTermInput, contractStateQuery, contractWorkflowId, endContractEarlyUpdate } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { CONTRACT_END_PER_CLAUSE_PATCH } from '../../workflows/contract-term/contract-term-run';
import { midtermReviewQuery, midtermReviewWorkflowId, recordMidtermDecisionUpdate, respondToRevisionUpdate } from '../../workflows/midterm-review/midterm-definitions';
import { MIDTERM_ASKS_CONTRACT_PATCH } from '../../workflows/midterm-review/midterm-review';
import { zaanstadContract } from '../fixtures/contract';
import { manager } from '../fixtures/zaanstad';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { skipDays, waitUntilIdle } from '../helpers/tender-driver';
import { refusal } from '../helpers/update-refusal';

const euro = (amount: number) => Math.round(amount * 100);
const contractManager = { role: 'contractManager', organisation: 'Gemeente Zaanstad' } as const;
const providerDirector = { role: 'director', organisation: 'DOCK' } as const;
const preventie = { id: 'preventie', nature: 'Uitbreiding inzet preventieteams', maxValueChangeCents: euro(3_000_000), conditions: 'Bij meer dan 20% meer meldingen' };

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

async function startContract(terms: Partial<ContractTermInput['terms']> = {}, startInDays = 10) {
  const input = zaanstadContract(addDaysTo(await today(), startInDays), terms);
  const workflowId = contractWorkflowId(input.contractId);
  const schedule = computeContractSchedule({ startDate: input.startDate, termYears: input.terms.termYears });
  await h.db.prisma.contract.create({
    data: {
      id: input.contractId, workflowId, lotId: input.lot.id, lotTitle: input.lot.title, commissioner: 'Gemeente Zaanstad', provider: input.provider.organisation,
      valueCents: BigInt(input.valueCents), startDate: new Date(`${input.startDate}T00:00:00Z`), endDate: new Date(`${schedule.endDate}T00:00:00Z`), status: 'awarded', terms: {},
    },
  });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId, args: [input] });
  await waitUntilIdle([handle]);
  return { input, handle };
}

/** Skips simulated time in steps of 15 days (or `stepDays`), letting the workflows settle before each step. */
const advance = (handles: WorkflowHandle[], days: number, stepDays = 15) => skipDays(h.env, handles, days, stepDays);

async function eventsOf(workflowId: string, type: string) {
  return h.db.prisma.event.findMany({ where: { workflowId, type }, orderBy: { occurredAt: 'asc' } });
}

test('amendments record their legal ground: art. 2.163b up to its limit, then art. 2.163c within a change option or art. 2.163d; an override is refused', async () => {
  const { handle } = await startContract({ changeOptions: [preventie] });
  const effectiveDate = addDaysTo(await today(), 60);
  const amend = (valueChangeCents: number, extra: Record<string, unknown> = {}) =>
    handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, description: `Wijziging ${valueChangeCents}`, valueChangeCents, effectiveDate, ...extra }] });

  // No ground named: de minimis (art. 2.163b), EUR 750,000 binds for a EUR 32 million lot.
  expect(await amend(euro(400_000))).toMatchObject({ allowed: true, ground: { basis: 'deMinimis', article: 'Aw 2012 art. 2.163b' }, cumulativeChangeCents: euro(400_000), limitCents: euro(750_000) });
  const near = await amend(euro(250_000), { kind: 'supplementaryAssignment', theme: 'Preventie jeugd', source: 'nationalProgramme' });
  expect(near).toMatchObject({ allowed: true, cumulativeChangeCents: euro(650_000) });
  expect(near.warning).toContain('art. 2.163b');

  const beyond = await refusal(handle, () => amend(euro(150_000)));
  expect(beyond).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'valueChangeCents' }] });
  expect(beyond.message).toContain('art. 2.163b');
  expect(beyond.message).toContain('art. 2.163a');
  const override = await refusal(handle, () => amend(euro(150_000), { override: { reason: 'Spoed' } }));
  expect(override).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'override' }] });
  const unknownOption = await refusal(handle, () => amend(euro(150_000), { ground: { basis: 'changeOption', changeOptionId: 'jeugd' } }));
  expect(unknownOption).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'ground.changeOptionId' }] });
  const noReason = await refusal(handle, () => amend(euro(150_000), { ground: { basis: 'additionalServices' } }));
  expect(noReason).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'ground.reason' }] });

  // Within the change option (art. 2.163c): EUR 2.5 million, whatever the de minimis total.
  expect(await amend(euro(2_500_000), { ground: { basis: 'changeOption', changeOptionId: 'preventie' } })).toMatchObject({
    allowed: true,
    ground: { basis: 'changeOption', changeOptionId: 'preventie', article: 'Aw 2012 art. 2.163c (VNG art. 1.4.1)' },
    cumulativeChangeCents: euro(2_500_000),
  });
  // Beyond the option's extent: not covered.
  expect(await refusal(handle, () => amend(euro(500_001), { ground: { basis: 'changeOption', changeOptionId: 'preventie' } }))).toMatchObject({ details: [{ field: 'valueChangeCents' }] });
  // Additional services (art. 2.163d), with the reason.
  const reason = 'Nieuwe taak beschermd wonen noodzakelijk geworden; overdracht aan een andere aanbieder breekt lopende trajecten';
  expect(await amend(euro(1_000_000), { ground: { basis: 'additionalServices', reason } })).toMatchObject({ allowed: true, ground: { basis: 'additionalServices', reason, article: 'Aw 2012 art. 2.163d' } });

  const amended = await eventsOf(handle.workflowId, 'contract.amended');
  expect(amended.map((e) => (e.data as { ground: { basis: string } }).ground.basis)).toEqual(['deMinimis', 'deMinimis', 'changeOption', 'additionalServices']);
  expect(amended[1]!.data).toMatchObject({ kind: 'supplementaryAssignment', theme: 'Preventie jeugd' });
  expect(amended.every((e) => !('override' in (e.data as object)))).toBe(true);
  await handle.terminate('test done');
});

test('the midterm review asks the contract for its totals (patched midterm-asks-contract); the contract counts the accepted revision under its ground', async () => {
  expect(MIDTERM_ASKS_CONTRACT_PATCH).toBe('midterm-asks-contract');
  const { input, handle } = await startContract({ termYears: 2, midtermReviewAfterMonths: 1, accountabilityCadence: 'yearly', changeOptions: [preventie] });
  const midterm = h.env.client.workflow.getHandle(midtermReviewWorkflowId(input.contractId));
  await advance([handle], 45);
  await waitUntilIdle([handle, midterm]);
  expect((await midterm.query(midtermReviewQuery)).phase).toBe('decision');
  expect(await eventsOf(midterm.workflowId, 'midterm.contractUnreachable')).toHaveLength(0);

  // An amendment while the review runs: the contract tells the review its new totals.
  const effectiveDate = addDaysTo(await today(), 30);
  await handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, description: 'Extra inzet schuldhulp', valueChangeCents: euro(600_000), effectiveDate }] });
  await waitUntilIdle([handle, midterm]);
  const revise = (valueChangeCents: number) => ({
    by: contractManager,
    decision: 'revise' as const,
    rationale: 'Meer inzet op preventie',
    revision: { description: 'Addendum 1', valueChangeCents, effectiveDate },
  });
  // EUR 600,000 + EUR 200,000 crosses the EUR 750,000 limit: the review knows of the amendment made after it started.
  const refused = await refusal(midterm, () => midterm.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(200_000))] }));
  expect(refused).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'revision.valueChangeCents' }] });
  expect(refused.message).toContain('€ 800.000,00');

  const decision = await midterm.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(100_000))] });
  expect(decision.changeGround).toMatchObject({ allowed: true, cumulativeChangeCents: euro(700_000) });
  await waitUntilIdle([handle, midterm]);
  await midterm.executeUpdate(respondToRevisionUpdate, { args: [{ by: providerDirector, accept: true, note: 'Akkoord' }] });
  expect(await midterm.result()).toMatchObject({ amendmentRecorded: true, ground: { basis: 'deMinimis' } });
  await waitUntilIdle([handle]);

  // The contract counted the revision: EUR 700,000 under art. 2.163b now, so EUR 60,000 more reaches the limit.
  const counted = await refusal(handle, () => handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, description: 'x', valueChangeCents: euro(60_000), effectiveDate }] }));
  expect(counted.message).toContain('€ 760.000,00');
  expect(await handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, description: 'y', valueChangeCents: euro(40_000), effectiveDate }] })).toMatchObject({ cumulativeChangeCents: euro(740_000) });
  expect((await handle.query(contractStateQuery)).changeTotals).toEqual({ byGround: { deMinimis: euro(740_000), changeOption: 0, additionalServices: 0 }, byChangeOption: {} });
  await handle.terminate('test done');
});

test('a provider refusing the revision ends the contract on the day the change would take effect (VNG art. 1.4.2), with a letter to the commissioner', async () => {
  expect(CONTRACT_END_PER_CLAUSE_PATCH).toBe('contract-end-per-clause');
  const { input, handle } = await startContract({ termYears: 2, midtermReviewAfterMonths: 1, accountabilityCadence: 'yearly' });
  const midterm = h.env.client.workflow.getHandle(midtermReviewWorkflowId(input.contractId));
  await advance([handle], 45);
  await waitUntilIdle([handle, midterm]);
  const effectiveDate = addMonthsTo(await today(), 2);
  await midterm.executeUpdate(recordMidtermDecisionUpdate, {
    args: [{ by: contractManager, decision: 'revise', rationale: 'Bezuiniging', revision: { description: 'Addendum 1: minder uren', valueChangeCents: -euro(300_000), effectiveDate } }],
  });
  await waitUntilIdle([handle, midterm]);
  await midterm.executeUpdate(respondToRevisionUpdate, { args: [{ by: providerDirector, accept: false, note: 'Met dit budget niet uitvoerbaar' }] });
  expect(await midterm.result()).toMatchObject({ providerEnds: true });
  await waitUntilIdle([handle]);

  const state = await handle.query(contractStateQuery);
  expect(state.endDate).toBe(effectiveDate); // not "today + 6 months"
  expect(state.earlyEnd).toMatchObject({ endDate: effectiveDate, by: 'provider', article: 'VNG contractstandaard Wmo art. 1.4.2' });
  const [letter] = await eventsOf(handle.workflowId, 'contract.endLetterSent');
  expect(letter?.data).toMatchObject({ from: 'provider', to: 'commissioner', organisation: 'Gemeente Zaanstad', endDate: effectiveDate, article: 'VNG contractstandaard Wmo art. 1.4.2' });
  const mail = await h.mail.waitFor((m) => m.subject.includes('Beëindiging overeenkomst') && m.to.includes('contractmanagement@zaanstad.example'), 10_000);
  expect(mail.text).toContain('art. 1.4.2');
  expect(mail.text).toContain(`eindigt per ${effectiveDate}`);

  expect(await handle.result()).toMatchObject({ status: 'ended', endDate: effectiveDate });
});

test('an early end follows the contract option (VNG art. 1.3.4): who may end and from when; a letter to the other party; the children are closed', async () => {
  // Option 1 (the default): nobody may end early.
  const none = await startContract();
  const option1 = await refusal(none.handle, () => none.handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: manager, endDate: addMonthsTo(none.input.startDate, 24), reason: 'x' }] }));
  expect(option1).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'by' }] });
  expect(option1.message).toContain('art. 1.3.4');
  await none.handle.terminate('test done');

  // Option 2: the municipality with 3 months' notice, the provider not.
  const { input, handle } = await startContract({ termYears: 4, midtermReviewAfterMonths: 24, accountabilityCadence: 'quarterly', earlyTermination: { option: 'commissioner', commissionerNoticeMonths: 3 } });
  await advance([handle], 200, 20); // two quarterly cycles started; their provider reports stay open
  const cycles = [1, 2].map((i) => h.env.client.workflow.getHandle(accountabilityWorkflowId(input.contractId, i)));
  await waitUntilIdle([handle, ...cycles]);
  expect((await Promise.all(cycles.map((c) => c.describe()))).map((d) => d.status.name)).toEqual(['RUNNING', 'RUNNING']);

  const now = await today();
  const byProvider = await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: providerDirector, endDate: addMonthsTo(now, 6), reason: 'x' }] }));
  expect(byProvider).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'by' }] });
  const tooSoon = await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: manager, endDate: addDaysTo(addMonthsTo(now, 3), -1), reason: 'x' }] }));
  expect(tooSoon).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'endDate' }] });
  expect(tooSoon.message).toContain(addMonthsTo(now, 3));
  const stranger = await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: { role: 'manager', organisation: 'Gemeente Wormerland' }, endDate: addMonthsTo(now, 3), reason: 'x' }] }));
  expect(stranger.type).toBe('Forbidden');
  // The college (or the manager holding its mandate) ends the contract for the municipality, not the contract manager.
  expect((await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: contractManager, endDate: addMonthsTo(now, 3), reason: 'x' }] }))).type).toBe('Forbidden');

  const endDate = addMonthsTo(now, 3);
  const ended = await handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: manager, endDate, reason: 'Herinrichting sociaal domein' }] });
  expect(ended.endDate).toBe(endDate);
  const again = await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: manager, endDate: addDaysTo(endDate, 1), reason: 'x' }] }));
  expect(again.type).toBe('Conflict');
  const [letter] = await eventsOf(handle.workflowId, 'contract.endLetterSent');
  expect(letter?.data).toMatchObject({ from: 'commissioner', to: 'provider', organisation: 'DOCK', endDate, article: 'VNG contractstandaard Wmo art. 1.3.4' });
  const mail = await h.mail.waitFor((m) => m.subject.includes('Beëindiging overeenkomst') && m.to.includes('contract@dock.example'), 10_000);
  expect(mail.text).toContain('Herinrichting sociaal domein');

  // Waiting for the result lets time pass to the end; sleeping past it instead can stall the Java test
  // server once the cancelled children close after their parent (temporalio/sdk-java#1540, #2392).
  expect(await handle.result()).toMatchObject({ status: 'ended', endDate });
  await waitUntilIdle(cycles);
  // The cycles that were still running are cancelled, and their open tasks with them.
  const [closed] = await eventsOf(handle.workflowId, 'contract.childrenClosed');
  expect((closed?.data as { cancelled: string[] }).cancelled).toEqual(expect.arrayContaining(cycles.map((c) => c.workflowId)));
  expect((await Promise.all(cycles.map((c) => c.describe()))).map((d) => d.status.name)).toEqual(['CANCELLED', 'CANCELLED']);
  expect(await h.db.prisma.task.count({ where: { workflowId: { in: cycles.map((c) => c.workflowId) }, status: 'open' } })).toBe(0);
});

test('VNG art. 1.3.4 option 3: the provider may end too, with its own notice; the commissioner gets the letter', async () => {
  const { handle } = await startContract({ earlyTermination: { option: 'both', commissionerNoticeMonths: 3, providerNoticeMonths: 9 } });
  const now = await today();
  const early = await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: providerDirector, endDate: addMonthsTo(now, 6), reason: 'x' }] }));
  expect(early).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'endDate' }] });
  expect(early.message).toContain('9 kalendermaanden');
  const endDate = addMonthsTo(now, 9);
  expect((await handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: providerDirector, endDate, reason: 'Stopt met wijkteams in Zaanstad' }] })).endDate).toBe(endDate);
  const [letter] = await eventsOf(handle.workflowId, 'contract.endLetterSent');
  expect(letter?.data).toMatchObject({ from: 'provider', to: 'commissioner', recipients: ['contractmanagement@zaanstad.example', 'manager-sociaal-domein@zaanstad.example'] });
  expect(letter).toMatchObject({ actorOrganisation: null });
  await handle.terminate('test done');
});
