/**
 * The midterm review workflow (revision clause VNG art. 1.4, legal grounds Aw 2012 art. 2.163b-d)
 * on Temporal's time-skipping test server, started directly (in production the contract term
 * workflow starts it as a child and answers its request for the change totals: see
 * contract-change-and-end.test.ts; here no contract answers, so the review falls back to the snapshot
 * in its input), with a real database and a real SMTP server.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { MidtermEvidence } from '../../activities/assemble-midterm-evidence';
import type { ChangeGroundInput } from '../../domain/change-grounds';
import { addDaysTo, addMonthsTo, notificationMoment, toIsoDate } from '../../domain/dates';
import {
  type MidtermReviewInput,
  type MidtermReviewView,
  midtermReviewQuery,
  midtermReviewWorkflowId,
  recordMidtermDecisionUpdate,
  respondToRevisionUpdate,
} from '../../workflows/midterm-review/midterm-definitions';
import { MIDTERM_ASKS_CONTRACT_PATCH, type midtermReviewWorkflow } from '../../workflows/midterm-review/midterm-review';
import { completeTaskUpdate } from '../../workflows/tender/tender-definitions';
import { zaanstadMidtermReview } from '../fixtures/contract';
import { manager } from '../fixtures/zaanstad';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { refusal } from '../helpers/update-refusal';
import { waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;
const euro = (amount: number) => Math.round(amount * 100);
const commissioner = 'Gemeente Zaanstad';
const provider = 'DOCK';
const contractManager = { role: 'contractManager', organisation: commissioner, name: 'C. Manager' } as const;
const providerContact = { role: 'contractContact', organisation: provider, name: 'P. Contact' } as const;

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

type ReviewHandle = WorkflowHandle<typeof midtermReviewWorkflow>;

/**
 * A lot worth EUR 32 million: the EU threshold for social services (EUR 750,000) binds before 10%
 * of the initial value (EUR 3.2 million).
 */
async function startReview(overrides: Partial<MidtermReviewInput> = {}) {
  const contractId = overrides.contractId ?? randomUUID();
  const reviewDate = await today();
  const input = zaanstadMidtermReview(contractId, reviewDate, overrides);
  const handle: ReviewHandle = await h.env.client.workflow.start<typeof midtermReviewWorkflow>('midtermReviewWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: midtermReviewWorkflowId(contractId),
    args: [input],
  });
  return { contractId, reviewDate, handle, input };
}

async function waitForView(handle: ReviewHandle, predicate: (v: MidtermReviewView) => boolean, timeoutMs = 30_000): Promise<MidtermReviewView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await handle.query(midtermReviewQuery);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`Timed out in phase ${view.phase}`);
    await delay(100);
  }
}

async function eventsOf(contractId: string, type: string) {
  return h.db.prisma.event.findMany({ where: { contractId, type }, orderBy: { occurredAt: 'asc' } });
}

/** The result of the first completed activity of this type, from the workflow's history. */
async function activityResult<T>(handle: ReviewHandle, activityType: string): Promise<T> {
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType);
  expect(scheduled).toBeDefined();
  const completed = events.find((e) => Number(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? 0) === Number(scheduled!.eventId));
  const payload = completed?.activityTaskCompletedEventAttributes?.result?.payloads?.[0];
  expect(payload).toBeDefined();
  return defaultPayloadConverter.fromPayload<T>(payload!);
}

function revise(valueChangeCents: number, effectiveDate: string, ground?: ChangeGroundInput) {
  return {
    by: contractManager,
    decision: 'revise' as const,
    rationale: 'Meer inzet op preventie in Krommenie nodig (uitkomst evaluatie)',
    revision: { description: 'Addendum 1: extra preventieteam Krommenie', valueChangeCents, effectiveDate },
    ...(ground ? { ground } : {}),
  };
}

test('continue: the evidence is assembled from the database, the review task is completed by the decision', async () => {
  const contractId = randomUUID();
  const now = await h.env.currentTimeMs();
  const dayOf = (offset: number) => new Date(`${toIsoDate(new Date(now + offset * DAY))}T00:00:00.000Z`);
  // What the contract's earlier years left in the database: accountability outcomes as the cycle
  // records them (and one in a shape it never recorded), a revision and a supplementary assignment.
  const outcome = (index: number, from: string, to: string, figures: { kpi: string; value: number }[], narratives: { kpi: string; text: string }[], missingFigures: string[]) => ({
    period: { index, from, to }, figures, narratives, story: 'Bereik groeit, de doorlooptijd blijft achter', agreements: [], followUps: [], missingFigures, followUpTaskIds: [],
  });
  const [q1, q2, legacy, supplementary] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await h.db.prisma.event.createMany({
    data: [
      {
        id: q1, workflowId: 'contract-x', contractId, type: 'accountability.outcomeRecorded', occurredAt: new Date(now - 100 * DAY),
        data: outcome(1, '2029-01-01', '2029-03-31', [{ kpi: 'Bereik', value: 412 }, { kpi: 'Doorlooptijd', value: 21 }], [{ kpi: 'Samenwerking in de wijk', text: 'Huisartsen schuiven aan' }], []),
      },
      {
        id: q2, workflowId: 'contract-x', contractId, type: 'accountability.outcomeRecorded', occurredAt: new Date(now - 10 * DAY),
        data: outcome(2, '2029-04-01', '2029-06-30', [{ kpi: 'Bereik', value: 430 }], [{ kpi: 'Samenwerking in de wijk', text: 'Scholen sluiten aan' }], ['Doorlooptijd']),
      },
      { id: legacy, workflowId: 'contract-x', contractId, type: 'accountability.outcomeRecorded', data: { period: '2028-Q4', figures: { Bereik: 380 } }, occurredAt: new Date(now - 190 * DAY) },
      { id: randomUUID(), workflowId: 'contract-x', contractId, type: 'contract.amended', data: { valueChangeCents: euro(100_000), effectiveDate: '2029-01-01', description: 'Indexering' }, occurredAt: new Date(now - 200 * DAY) },
      {
        id: supplementary, workflowId: 'contract-x', contractId, type: 'contract.amended', occurredAt: new Date(now - 50 * DAY),
        data: { kind: 'supplementaryAssignment', theme: 'Preventie jeugd', source: 'nationalProgramme', valueChangeCents: euro(40_000), effectiveDate: '2029-05-01', description: 'Kansrijke Start Krommenie' },
      },
      { id: randomUUID(), workflowId: 'contract-x', contractId: randomUUID(), type: 'contract.amended', data: { valueChangeCents: 1 }, occurredAt: new Date(now - 5 * DAY) },
    ],
  });
  const task = (kind: string, status: string, dueOffset: number, completedOffset?: number) => ({
    id: randomUUID(), workflowId: 'contract-x', contractId, kind, title: kind, role: 'contractContact', organisation: provider,
    dueDate: dayOf(dueOffset), status, openedAt: new Date(now - 400 * DAY),
    ...(completedOffset !== undefined ? { completedAt: new Date(now + completedOffset * DAY) } : {}),
  });
  await h.db.prisma.task.createMany({
    data: [task('providerReport', 'done', -100, -101), task('providerReport', 'done', -20, -15), task('providerReport', 'open', -5), task('indexationReview', 'open', 30)],
  });

  const seeded = await startReview({ contractId });

  let view = await waitForView(seeded.handle, (v) => v.phase === 'decision');
  expect(view.evidence).toEqual({
    accountabilityOutcomes: 3,
    accountabilityOutcomesUnreadable: 1,
    kpiSeries: 3,
    kpiFigures: 3,
    kpiFiguresMissing: 1,
    tasksDone: 2,
    tasksDoneLate: 1,
    tasksOpen: 2, // assembled before the review meeting task was opened
    tasksOverdue: 1,
    amendments: 2,
    netAmendmentCents: euro(140_000),
    amendmentsWithoutAmount: 0,
    supplementaryAssignments: 1,
    supplementaryAssignmentCents: euro(40_000),
  });
  const supplementaryAssignment = {
    eventId: supplementary, occurredAt: new Date(now - 50 * DAY).toISOString(), description: 'Kansrijke Start Krommenie', valueChangeCents: euro(40_000), effectiveDate: '2029-05-01', theme: 'Preventie jeugd', source: 'nationalProgramme',
  };
  const [assembled] = await eventsOf(contractId, 'midterm.evidenceAssembled');
  expect(assembled?.data).toMatchObject({
    reviewDate: seeded.reviewDate,
    taskStatistics: [
      { kind: 'indexationReview', total: 1, done: 0, doneLate: 0, open: 1, overdue: 0, cancelled: 0 },
      { kind: 'providerReport', total: 3, done: 2, doneLate: 1, open: 1, overdue: 1, cancelled: 0 },
    ],
    amendments: [
      { kind: 'revision', description: 'Indexering', valueChangeCents: euro(100_000) },
      { kind: 'supplementaryAssignment', eventId: supplementary, description: 'Kansrijke Start Krommenie', valueChangeCents: euro(40_000) },
    ],
    supplementaryAssignments: [supplementaryAssignment],
  });
  // The whole evidence, as the activity handed it to the workflow: the KPI series per KPI over the periods.
  const evidence = await activityResult<MidtermEvidence>(seeded.handle, 'assembleMidtermEvidence');
  expect(evidence.supplementaryAssignments).toEqual([supplementaryAssignment]);
  expect(evidence.unreadableAccountabilityOutcomes).toEqual([{ eventId: legacy, occurredAt: new Date(now - 190 * DAY).toISOString(), issues: expect.arrayContaining([expect.stringMatching(/^period: /)]) }]);
  const period = (index: number, eventId: string, from: string, to: string, daysAgo: number) => ({ index, from, to, eventId, recordedAt: new Date(now - daysAgo * DAY).toISOString() });
  const p1 = period(1, q1, '2029-01-01', '2029-03-31', 100);
  const p2 = period(2, q2, '2029-04-01', '2029-06-30', 10);
  expect(evidence.kpiSeries).toEqual([
    { kpi: 'Bereik', measurable: true, points: [{ period: p1, status: 'figure', value: 412 }, { period: p2, status: 'figure', value: 430 }], stats: { figures: 2, missing: 0, first: 412, last: 430, min: 412, max: 430 } },
    { kpi: 'Doorlooptijd', measurable: true, points: [{ period: p1, status: 'figure', value: 21 }, { period: p2, status: 'missing' }], stats: { figures: 1, missing: 1, first: 21, last: 21, min: 21, max: 21 } },
    {
      kpi: 'Samenwerking in de wijk',
      measurable: false,
      points: [{ period: p1, status: 'narrative', narrative: 'Huisartsen schuiven aan' }, { period: p2, status: 'narrative', narrative: 'Scholen sluiten aan' }],
    },
  ]);
  // The recorded event keeps the series too: the review meeting reads it from PostgreSQL.
  expect(assembled?.data).toMatchObject({ kpiSeries: evidence.kpiSeries, unreadableAccountabilityOutcomes: evidence.unreadableAccountabilityOutcomes });

  const [reviewTask] = view.tasks;
  expect(reviewTask).toMatchObject({ kind: 'midtermReview', role: 'contractManager', organisation: commissioner, dueDate: addDaysTo(seeded.reviewDate, 30), status: 'open' });
  expect(await h.db.prisma.task.findUnique({ where: { id: reviewTask!.id } })).toMatchObject({ workflowId: seeded.handle.workflowId, contractId, status: 'open', commissioner, provider });

  // The API may send completeTask for this task: it points to the decision; only its owner may act.
  const viaComplete = await refusal(seeded.handle, () => seeded.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: reviewTask!.id, by: contractManager, outcome: 'Gesprek gevoerd' }] }));
  expect(viaComplete.type).toBe('Conflict');
  expect(viaComplete.message).toContain('recordMidtermDecision');
  expect((await refusal(seeded.handle, () => seeded.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: 'nope', by: contractManager, outcome: 'x' }] }))).type).toBe('NotFound');
  expect((await refusal(seeded.handle, () => seeded.handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: providerContact, decision: 'continue', rationale: 'x' }] }))).type).toBe('Forbidden');
  expect((await refusal(seeded.handle, () => seeded.handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: providerContact, accept: true, note: 'x' }] }))).type).toBe('Conflict');
  const noAddendum = await refusal(seeded.handle, () => seeded.handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'revise', rationale: 'x' }] }));
  expect(noAddendum).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'revision' }] });

  const decision = await seeded.handle.executeUpdate(recordMidtermDecisionUpdate, {
    args: [{ by: contractManager, decision: 'continue', rationale: 'Resultaten op koers; geen herziening nodig' }],
  });
  expect(decision).toMatchObject({ decision: 'continue', decidedOn: seeded.reviewDate });
  expect(decision.assessment).toBeUndefined();
  // A second decision while the review is still open is a Conflict (covered by the revise test,
  // where the review waits for the provider); here the review completes right after the decision.

  expect(await seeded.handle.result()).toEqual({
    decision: 'continue',
    rationale: 'Resultaten op koers; geen herziening nodig',
    decidedOn: seeded.reviewDate,
    amendmentRecorded: false,
    providerEnds: false,
  });
  view = await seeded.handle.query(midtermReviewQuery);
  expect(view.phase).toBe('completed');
  expect(await h.db.prisma.task.findUnique({ where: { id: reviewTask!.id } })).toMatchObject({ status: 'done', completedByRole: 'contractManager', outcome: 'Besluit: Voortzetten' });
  // Once completed, the review takes no other decision: the server refuses the update, nothing is recorded.
  const late = await seeded.handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'end', rationale: 'x' }] }).then(() => undefined, (e: unknown) => e);
  expect(late).toBeInstanceOf(WorkflowNotFoundError);
  const decisions = await eventsOf(contractId, 'midterm.decided');
  expect(decisions).toHaveLength(1);
  expect(decisions[0]).toMatchObject({ actorRole: 'contractManager', actorOrganisation: commissioner, data: { decision: 'continue' } });
  expect(await eventsOf(contractId, 'contract.amended')).toHaveLength(2); // only the seeded ones
  expect(await eventsOf(contractId, 'midterm.completed')).toHaveLength(1);
});

test('a revision within the limit (with the 80% warning), accepted by the provider, is recorded as an amendment', async () => {
  // EUR 400,000 changed before; EUR 250,000 more makes EUR 650,000: 86.67% of the EUR 750,000 threshold.
  const { contractId, handle, reviewDate } = await startReview({ previousChangesCents: [euro(400_000)] });
  await waitForView(handle, (v) => v.phase === 'decision');
  const effectiveDate = addMonthsTo(reviewDate, 6); // the latest allowed (VNG art. 1.4)

  const decision = await handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(250_000), effectiveDate)] });
  expect(decision.override).toBeUndefined();
  expect(decision.assessment).toMatchObject({ allowed: true, cumulativeChangeCents: euro(650_000), limitCents: euro(750_000), bindingLimit: 'euThreshold', percentOfLimit: 86.67 });
  expect(decision.assessment?.warning).toContain('art. 2.163b');
  const [decided] = await eventsOf(contractId, 'midterm.decided');
  expect(decided?.data).toMatchObject({ decision: 'revise', revision: { valueChangeCents: euro(250_000), effectiveDate }, assessment: { allowed: true, warning: expect.stringContaining('Let op') } });

  // The provider's contract contact is asked to respond, before the revision takes effect.
  const view = await waitForView(handle, (v) => v.phase === 'providerResponse');
  const responseTask = view.tasks.find((t) => t.kind === 'midtermRevisionResponse')!;
  expect(responseTask).toMatchObject({ role: 'contractContact', organisation: provider, dueDate: addDaysTo(reviewDate, 30), status: 'open' });
  const assigned = await h.mail.waitFor((m) => m.subject.includes('Reactie op herziening') && m.to.includes('contract@dock.example'), 10_000);
  expect(assigned.subject).toContain('Nieuwe taak');
  expect((await refusal(handle, () => handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: contractManager, accept: true, note: 'x' }] }))).type).toBe('Forbidden');
  expect((await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'end', rationale: 'x' }] }))).type).toBe('Conflict');

  const response = await handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: providerContact, accept: true, note: 'Akkoord met addendum 1' }] });
  expect(response).toMatchObject({ accept: true, by: providerContact });
  const result = await handle.result();
  expect(result).toMatchObject({
    decision: 'revise',
    revision: { description: 'Addendum 1: extra preventieteam Krommenie', valueChangeCents: euro(250_000), effectiveDate },
    amendmentRecorded: true,
    providerEnds: false,
  });
  expect(result.override).toBeUndefined();
  const amended = await eventsOf(contractId, 'contract.amended');
  expect(amended).toHaveLength(1);
  expect(amended[0]).toMatchObject({
    actorRole: 'contractContact',
    actorOrganisation: provider,
    data: { source: 'midtermReview', valueChangeCents: euro(250_000), effectiveDate, cumulativeChangeCents: euro(650_000), decidedOn: reviewDate },
  });
  expect(await h.db.prisma.task.findUnique({ where: { id: responseTask.id } })).toMatchObject({ status: 'done', outcome: 'Herziening aanvaard', completedByOrganisation: provider });
});

test('beyond art. 2.163b a revision needs another ground (nothing recorded); an override is refused; art. 2.163d with its reason is recorded', async () => {
  const { contractId, handle, reviewDate } = await startReview({ previousChangesCents: [euro(100_000)] });
  await waitForView(handle, (v) => v.phase === 'decision');
  const effectiveDate = addMonthsTo(reviewDate, 3);
  const eventsBefore = await h.db.prisma.event.count({ where: { contractId } });

  // EUR 100,000 + EUR 700,000 = EUR 800,000: over the EUR 750,000 threshold, so de minimis does not cover it.
  const refused = await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(700_000), effectiveDate)] }));
  expect(refused.type).toBe('InvalidArgument');
  expect(refused.details).toEqual([{ field: 'revision.valueChangeCents' }]);
  expect(refused.message).toContain('art. 2.163b');
  expect(refused.message).toContain('EU-drempel € 750.000,00 met € 50.000,00 overschreden');
  expect(refused.message).toContain('nieuwe aanbestedingsprocedure (Aw 2012 art. 2.163a)');
  // An override is no legal ground: refused, naming the field and what to give instead.
  const override = await refusal(handle, () =>
    handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ ...revise(euro(700_000), effectiveDate), override: { reason: 'Spoed' } } as never] }),
  );
  expect(override).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'override' }] });
  expect(override.message).toContain('ground.basis');
  // No such change option in the contract (art. 2.163c): refused on the option.
  const noOption = await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(700_000), effectiveDate, { basis: 'changeOption', changeOptionId: 'preventie' })] }));
  expect(noOption).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'ground.changeOptionId' }] });
  expect(noOption.message).toContain('art. 2.163c');
  // More than 50% of the initial value as additional services (art. 2.163d).
  const tooMuch = await refusal(handle, () =>
    handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(16_000_000) + 1, effectiveDate, { basis: 'additionalServices', reason: 'x' })] }),
  );
  expect(tooMuch).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'revision.valueChangeCents' }] });
  expect(tooMuch.message).toContain('art. 2.163d');
  expect(await h.db.prisma.event.count({ where: { contractId } })).toBe(eventsBefore);
  let view = await handle.query(midtermReviewQuery);
  expect(view.phase).toBe('decision');
  expect(view.decision).toBeUndefined();
  expect(view.tasks[0]!.status).toBe('open');

  const ground = { basis: 'additionalServices' as const, reason: 'Extra preventieteam noodzakelijk geworden; een andere aanbieder kan niet in hetzelfde wijkteam werken' };
  const decision = await handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(700_000), effectiveDate, ground)] });
  expect(decision.override).toBeUndefined();
  expect(decision.assessment).toBeUndefined(); // no de minimis assessment: another ground
  expect(decision.changeGround).toMatchObject({ allowed: true, ground: { ...ground, article: 'Aw 2012 art. 2.163d' }, cumulativeChangeCents: euro(700_000), limitCents: euro(16_000_000) });
  const [decided] = await eventsOf(contractId, 'midterm.decided');
  expect(decided?.data).toMatchObject({ ground: { basis: 'additionalServices', article: 'Aw 2012 art. 2.163d' }, groundAssessment: { allowed: true } });

  await waitForView(handle, (v) => v.phase === 'providerResponse');
  await handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: providerContact, accept: true, note: 'Akkoord' }] });
  const result = await handle.result();
  expect(result).toMatchObject({ decision: 'revise', amendmentRecorded: true, providerEnds: false, ground: { basis: 'additionalServices', article: 'Aw 2012 art. 2.163d' } });
  expect(result.override).toBeUndefined();
  view = await handle.query(midtermReviewQuery);
  expect(view.phase).toBe('completed');
  const [amended] = await eventsOf(contractId, 'contract.amended');
  expect(amended?.data).toMatchObject({ valueChangeCents: euro(700_000), effectiveDate, ground: { basis: 'additionalServices', reason: ground.reason } });
});

test('art. 2.163c: a revision within a change option of the contract is lawful whatever its size; an end the contract does not allow is refused (VNG art. 1.3.4)', async () => {
  const preventie = { id: 'preventie', nature: 'Uitbreiding preventieteams', maxValueChangeCents: euro(3_000_000), conditions: 'Bij meer dan 20% meer meldingen' };
  const { contractId, handle, reviewDate } = await startReview({ changeOptions: [preventie], earlyTermination: { option: 'none' } });
  await waitForView(handle, (v) => v.phase === 'decision');
  const end = await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'end', rationale: 'Doelen niet haalbaar' }] }));
  expect(end).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'decision' }] });
  expect(end.message).toContain('art. 1.3.4');
  const beyond = await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(3_000_000) + 1, addMonthsTo(reviewDate, 2), { basis: 'changeOption', changeOptionId: 'preventie' })] }));
  expect(beyond).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'revision.valueChangeCents' }] });

  // EUR 2.5 million: far beyond the de minimis limit, within the option.
  const decision = await handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(2_500_000), addMonthsTo(reviewDate, 2), { basis: 'changeOption', changeOptionId: 'preventie' })] });
  expect(decision.changeGround).toMatchObject({ allowed: true, ground: { basis: 'changeOption', changeOptionId: 'preventie', article: 'Aw 2012 art. 2.163c (VNG art. 1.4.1)' }, limitCents: euro(3_000_000) });
  await waitForView(handle, (v) => v.phase === 'providerResponse');
  await handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: providerContact, accept: true, note: 'Akkoord' }] });
  expect(await handle.result()).toMatchObject({ amendmentRecorded: true, ground: { basis: 'changeOption', changeOptionId: 'preventie' } });
  // Started without a contract to ask (patched('midterm-asks-contract')): the snapshot in the input applied, and that is recorded.
  expect(MIDTERM_ASKS_CONTRACT_PATCH).toBe('midterm-asks-contract');
  expect(await eventsOf(contractId, 'midterm.contractUnreachable')).toEqual([expect.objectContaining({ data: expect.objectContaining({ previousChangesCents: [] }) })]);
});

test('cancelled when the contract ends early: the open tasks are cancelled and the review completes, closed', async () => {
  const { contractId, handle } = await startReview();
  const view = await waitForView(handle, (v) => v.phase === 'decision');
  await waitUntilIdle([handle]);
  await handle.cancel();
  const result = await handle.result();
  expect(result).toMatchObject({ closedByContractEnd: true, amendmentRecorded: false, providerEnds: false });
  expect(await h.db.prisma.task.findUnique({ where: { id: view.tasks[0]!.id } })).toMatchObject({ status: 'cancelled' });
  expect(await eventsOf(contractId, 'midterm.closed')).toHaveLength(1);
  expect((await handle.query(midtermReviewQuery)).tasks[0]!.status).toBe('cancelled');
});

test('an effective date more than 6 months after the decision is refused; then the contract is ended', async () => {
  const { contractId, handle, reviewDate } = await startReview();
  await waitForView(handle, (v) => v.phase === 'decision');
  const tooLate = addDaysTo(addMonthsTo(reviewDate, 6), 1);
  const refused = await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(10_000), tooLate)] }));
  expect(refused.type).toBe('InvalidArgument');
  expect(refused.details).toEqual([{ field: 'revision.effectiveDate' }]);
  expect(refused.message).toContain('art. 1.4');
  expect(refused.message).toContain(addMonthsTo(reviewDate, 6));
  const before = await refusal(handle, () => handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(euro(10_000), addDaysTo(reviewDate, -1))] }));
  expect(before.details).toEqual([{ field: 'revision.effectiveDate' }]);
  expect(await eventsOf(contractId, 'midterm.decided')).toHaveLength(0);

  // The manager may take the decision in the contract manager's place.
  await handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: manager, decision: 'end', rationale: 'Doelen niet haalbaar binnen deze opdracht' }] });
  expect(await handle.result()).toMatchObject({ decision: 'end', amendmentRecorded: false, providerEnds: false });
});

test('a provider refusing the revision may end the contract: providerEnds', async () => {
  const { contractId, handle, reviewDate } = await startReview();
  await waitForView(handle, (v) => v.phase === 'decision');
  // A decrease, taking effect within the month: the provider's response is due on the effective date.
  const effectiveDate = addDaysTo(reviewDate, 20);
  await handle.executeUpdate(recordMidtermDecisionUpdate, { args: [revise(-euro(300_000), effectiveDate)] });
  const view = await waitForView(handle, (v) => v.phase === 'providerResponse');
  expect(view.tasks.find((t) => t.kind === 'midtermRevisionResponse')?.dueDate).toBe(effectiveDate);

  await handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: { role: 'director', organisation: provider }, accept: false, note: 'Met dit budget is de opdracht niet uitvoerbaar' }] });
  const result = await handle.result();
  expect(result).toMatchObject({ decision: 'revise', amendmentRecorded: false, providerEnds: true, revision: { valueChangeCents: -euro(300_000) } });
  expect(await eventsOf(contractId, 'contract.amended')).toHaveLength(0);
  const [refusedEvent] = await eventsOf(contractId, 'midterm.revisionRefused');
  expect(refusedEvent).toMatchObject({ actorRole: 'director', actorOrganisation: provider, data: { providerMayEnd: true, note: 'Met dit budget is de opdracht niet uitvoerbaar' } });
});

test('the review meeting task is reminded 14 and 3 days before its due date and escalated to the manager the day after', async () => {
  const { contractId, handle, reviewDate } = await startReview();
  const view = await waitForView(handle, (v) => v.phase === 'decision');
  const task = view.tasks[0]!;
  const due = addDaysTo(reviewDate, 30);
  expect(task.dueDate).toBe(due);

  await waitUntilIdle([handle]);
  await h.env.sleep(32 * DAY);
  await waitUntilIdle([handle]);
  const alerts = await h.db.prisma.event.findMany({
    where: { workflowId: handle.workflowId, type: { in: ['task.reminderSent', 'task.escalated'] } },
    orderBy: { occurredAt: 'asc' },
  });
  expect(alerts.map((a) => a.type)).toEqual(['task.reminderSent', 'task.reminderSent', 'task.escalated']);
  const expected = [notificationMoment(addDaysTo(due, -14)), notificationMoment(addDaysTo(due, -3)), notificationMoment(addDaysTo(due, 1))];
  alerts.forEach((alert, i) => expect(Math.abs(alert.occurredAt.getTime() - expected[i]!.getTime())).toBeLessThan(60_000));

  const mails = h.mail.messages().filter((m) => (m.text ?? '').includes(task.id));
  const reminders = mails.filter((m) => m.subject.startsWith('[regie] Herinnering'));
  expect(reminders.map((m) => m.to)).toEqual([['contractmanagement@zaanstad.example'], ['contractmanagement@zaanstad.example']]);
  const escalation = mails.find((m) => m.subject.startsWith('[regie] Te laat'))!;
  expect(escalation.to).toEqual(['manager-sociaal-domein@zaanstad.example']);
  expect(escalation.text).toContain('Tussentijdse evaluatie');
  expect(await h.db.prisma.task.findUnique({ where: { id: task.id } })).toMatchObject({ status: 'open', escalatedAt: expect.any(Date), contractId });
  expect((await handle.query(midtermReviewQuery)).tasks[0]!.escalatedAt).toBeDefined();

  // Late, but still decided: the decision date is the (simulated) day it was taken.
  const decision = await handle.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'continue', rationale: 'Op koers' }] });
  expect(decision.decidedOn).toBe(addDaysTo(reviewDate, 32));
  expect(await handle.result()).toMatchObject({ decision: 'continue', decidedOn: addDaysTo(reviewDate, 32) });
});
