/**
 * The tender preparation workflow on Temporal's time-skipping test server, with a real database
 * and a real SMTP server: reminders and escalations are asserted at their simulated dates.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { addDaysTo, addMonthsTo, daysBetween, notificationMoment, toIsoDate } from '../../domain/dates';
import { tenderLaunchSchema } from '../../domain/schemas/tender-launch';
import { planTender } from '../../domain/tender-plan';
import type { tenderPreparationWorkflow } from '../../workflows/tender/tender-preparation';
import { contractStateQuery, contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import {
  cancelTenderUpdate,
  completeTaskUpdate,
  DEADLINE_FROM_PUBLICATION_PATCH,
  LEGAL_RULES_2026_12_PATCH,
  launchRecordedUpdate,
  registerAwardUpdate,
  registerObjectionUpdate,
  resolveObjectionUpdate,
  SHIFT_KEEPS_LEGAL_PERIODS_PATCH,
  shiftDeadlineUpdate,
  tenderTimelineQuery,
  tenderWorkflowId,
} from '../../workflows/tender/tender-definitions';
import { awardedLots, manager, procurementOfficer, zaanstadLaunch } from '../fixtures/zaanstad';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { refusal } from '../helpers/update-refusal';
import { type StartedWorker, stopWorker, useReleasedWorkers } from '../helpers/released-workers';
import { completeOpenTasks, completeStepsUntil as completeSteps, openTasks, type TenderHandle, waitForTimeline, waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;
const bidder = { role: 'director', organisation: 'Wijkkracht BV' } as const;

/** Workers this file starts on a task queue of its own (an old release, then the current code). */
const startWorkerOn = useReleasedWorkers();

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

/** Skips simulated time once the tender's current step has been opened and announced. */
async function skipDays(handle: TenderHandle, days: number): Promise<void> {
  await waitUntilIdle([handle]);
  await h.env.sleep(days * DAY);
}

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

/** The tender workflow as released before the legal periods of 2026-12 (test/workflow/bundles/). */
const BEFORE_LEGAL_PERIODS = 'a97bb75';

/** A worker on `taskQueue` running the workflow code of a released commit, or the current code. */
function startWorker(taskQueue: string, commit?: string): Promise<StartedWorker> {
  return startWorkerOn(h, taskQueue, commit);
}

/** Skips simulated time until `date` (the submission deadline closes on its date, not earlier). */
async function skipUntil(handle: TenderHandle, date: string): Promise<void> {
  const days = daysBetween(await today(), date);
  if (days > 0) await skipDays(handle, days);
}

function completeStepsUntil(handle: TenderHandle, phase: Parameters<typeof completeSteps>[1]) {
  return completeSteps(handle, phase, { waitUntil: (date) => skipUntil(handle, date) });
}

/** The patch ids recorded in a workflow's history (markers of `patched()`). */
async function recordedPatches(handle: TenderHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => {
      const payload = m!.details?.['patch-data']?.payloads?.[0]?.data;
      return payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { id: string }).id : '';
    });
}

async function launchTender(contractStartInDays = 450, overrides: Partial<ReturnType<typeof zaanstadLaunch>> = {}) {
  const tenderId = randomUUID();
  const start = await today();
  const launch = tenderLaunchSchema.parse({ ...zaanstadLaunch(addDaysTo(start, contractStartInDays)), ...overrides });
  const handle = await h.env.client.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: tenderWorkflowId(tenderId),
    args: [{ tenderId, launch }],
  });
  return { tenderId, handle, launch, launchDate: start };
}

async function alertEvents(workflowId: string) {
  const events = await h.db.prisma.event.findMany({
    where: { workflowId, type: { in: ['task.reminderSent', 'task.escalated'] } },
    orderBy: { occurredAt: 'asc' },
  });
  return events.map((e) => ({ type: e.type, at: e.occurredAt.getTime(), taskId: (e.data as { taskId: string }).taskId }));
}

function expectAround(actualMs: number, expected: Date): void {
  // Workflow time at a timer is the timer's time, give or take the few real ms the activities took.
  expect(Math.abs(actualMs - expected.getTime())).toBeLessThan(60_000);
}

test('a whole tender from launch to award and contract hand-off, with reminders, escalation and an objection', async () => {
  const { tenderId, handle, launchDate } = await launchTender();
  {
    const launched = await handle.executeUpdate(launchRecordedUpdate);
    const plan = planTender({ procurementForm: 'socialServicesLightRegime', electronicSubmission: true, contractStart: launched.contractStart, today: launchDate });
    expect(launched.milestones.map((m) => [m.key, m.dueDate])).toEqual(plan.milestones.map((m) => [m.key, m.dueDate]));
    expect(launched.phase).toBe('currentContractEvaluation');
    expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ status: 'active', phase: 'currentContractEvaluation' });

    // Let the first task run two days past its due date: 14- and 3-day reminders, then escalation.
    const first = plan.milestones[0]!;
    await waitForTimeline(handle, (t) => openTasks(t).length === 1);
    await skipDays(handle, daysBetween(launchDate, first.dueDate) + 2);
    const alerts = await alertEvents(handle.workflowId);
    expect(alerts.map((a) => a.type)).toEqual(['task.reminderSent', 'task.reminderSent', 'task.escalated']);
    expectAround(alerts[0]!.at, notificationMoment(addDaysTo(first.dueDate, -14)));
    expectAround(alerts[1]!.at, notificationMoment(addDaysTo(first.dueDate, -3)));
    expectAround(alerts[2]!.at, notificationMoment(addDaysTo(first.dueDate, 1)));

    const mails = h.mail.messages();
    const reminders = mails.filter((m) => m.subject.startsWith('[regie] Herinnering'));
    expect(reminders.map((m) => m.to)).toEqual([['contractmanagement@zaanstad.example'], ['contractmanagement@zaanstad.example']]);
    const escalation = mails.find((m) => m.subject.startsWith('[regie] Te laat'))!;
    expect(escalation.to).toEqual(['manager-sociaal-domein@zaanstad.example']);
    expect(escalation.text).toContain('Evaluatie huidige contract');
    expect((await h.db.prisma.task.findUnique({ where: { id: `${tenderId}:currentContractEvaluation` } }))?.escalatedAt).not.toBeNull();

    // Every further step in turn, as its owner.
    let timeline = await completeStepsUntil(handle, 'awardDecision');
    expect(timeline.milestones.filter((m) => m.status === 'done').map((m) => m.key)).toEqual([
      'currentContractEvaluation', 'providerInput', 'marketConsultation', 'executiveDecision', 'publication',
      'questionsAndAnswers', 'submissionDeadline', 'evaluation',
    ]);

    const award = await handle.executeUpdate(registerAwardUpdate, { args: [{ by: procurementOfficer, lots: awardedLots }] });
    const decidedOn = toIsoDate(new Date(award.decidedAt));
    expect(award.standstillEndsAt).toBe(notificationMoment(addDaysTo(decidedOn, plan.standstillDays + 1)).toISOString());
    expect(daysBetween(decidedOn, toIsoDate(new Date(award.standstillEndsAt)))).toBeGreaterThan(20); // the tender documents' 20 days: art. 2.127 does not bind the light regime
    await waitForTimeline(handle, (t) => t.phase === 'standstill');

    // An objection during the standstill holds the award past the standstill's end.
    const objection = await handle.executeUpdate(registerObjectionUpdate, { args: [{ by: bidder, lotId: 'zuid', reason: 'Beoordeling kwaliteit perceel Zuid onjuist' }] });
    await skipDays(handle, plan.standstillDays + 10);
    timeline = await handle.query(tenderTimelineQuery);
    expect(timeline.phase).toBe('standstill');
    expect(timeline.objections).toMatchObject([{ id: objection.id, status: 'pending', lotId: 'zuid' }]);
    expect(await h.db.prisma.objection.findUnique({ where: { id: objection.id } })).toMatchObject({ status: 'pending', organisation: 'Wijkkracht BV' });

    await handle.executeUpdate(resolveObjectionUpdate, { args: [{ objectionId: objection.id, by: manager, outcome: 'rejected', note: 'Voorzieningenrechter wijst vordering af' }] });
    timeline = await waitForTimeline(handle, (t) => t.phase === 'finalAward' && openTasks(t).length === 1);
    expect(timeline.milestones.find((m) => m.key === 'standstill')!.status).toBe('done');

    // Final award: one contract per lot, recorded, and its term workflow started.
    await completeOpenTasks(handle, 'Definitief gegund');
    timeline = await waitForTimeline(handle, (t) => t.phase === 'signing' && openTasks(t).length === 3);
    expect(timeline.contracts.map((c) => [c.lotId, c.provider])).toEqual([['noord', 'DOCK'], ['midden', 'Incluzio'], ['zuid', 'SMD']]);
    const contracts = await h.db.prisma.contract.findMany({ where: { tenderId }, orderBy: { lotId: 'asc' } });
    const endDate = addDaysTo(addMonthsTo(timeline.contractStart, 96), -1); // eight years
    expect(contracts.map((c) => [c.lotId, c.provider, c.valueCents, toIsoDate(c.startDate), toIsoDate(c.endDate), c.status])).toEqual([
      ['midden', 'Incluzio', 33_000_000_00n, timeline.contractStart, endDate, 'awarded'],
      ['noord', 'DOCK', 32_000_000_00n, timeline.contractStart, endDate, 'awarded'],
      ['zuid', 'SMD', 31_000_000_00n, timeline.contractStart, endDate, 'awarded'],
    ]);
    for (const contract of contracts) {
      const state = await h.env.client.workflow.getHandle(contractWorkflowId(contract.id)).query(contractStateQuery);
      expect(state).toMatchObject({ contractId: contract.id, status: 'awarded', startDate: timeline.contractStart, endDate });
      // The contract's change options (VNG art. 1.4.1) and early-end option (art. 1.3.4) go with it.
      expect(contract.terms).toMatchObject({ changeOptions: [expect.objectContaining({ id: 'preventie' })], earlyTermination: { option: 'commissioner', commissionerNoticeMonths: 6 } });
    }

    // Signing by the municipality, then onboarding: a task for each provider's own contact.
    await completeOpenTasks(handle, 'Getekend');
    timeline = await waitForTimeline(handle, (t) => t.phase === 'onboarding' && openTasks(t).length === 3);
    expect(openTasks(timeline).map((t) => [t.organisation, t.role])).toEqual([['DOCK', 'contractContact'], ['Incluzio', 'contractContact'], ['SMD', 'contractContact']]);
    for (const provider of ['dock', 'incluzio', 'smd']) {
      const mail = await h.mail.waitFor((m) => m.subject.includes('Transitie en onboarding') && m.to.includes(`contract@${provider}.example`), 10_000);
      expect(mail.text).toContain('contactpersoon opdrachtnemer');
    }
    await completeOpenTasks(handle, 'Teams overgedragen');

    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(result.milestones.every((m) => m.status === 'done')).toBe(true);
  }
  expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ status: 'completed', phase: 'completed' });
  const types = (await h.db.prisma.event.findMany({ where: { tenderId }, select: { type: true } })).map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['tender.launched', 'task.completed', 'award.decided', 'objection.registered', 'objection.resolved', 'award.final', 'contract.awarded', 'tender.completed']));
  // Each notification was sent once: one row per idempotency key, each one email.
  const notifications = await h.db.prisma.notification.count({ where: { workflowId: handle.workflowId } });
  expect(notifications).toBe(h.mail.messages().filter((m) => (m.text ?? '').includes(tenderId) || m.subject.includes('Sociale Wijkteams')).length);
});

test('an upheld objection withdraws the award and a new award decision starts a new standstill', async () => {
  const { tenderId, handle } = await launchTender();
  {
    await handle.executeUpdate(launchRecordedUpdate);
    await completeStepsUntil(handle, 'awardDecision');
    await handle.executeUpdate(registerAwardUpdate, { args: [{ by: procurementOfficer, lots: awardedLots }] });
    await waitForTimeline(handle, (t) => t.phase === 'standstill');
    const objection = await handle.executeUpdate(registerObjectionUpdate, { args: [{ by: bidder, reason: 'Gunningscriterium onjuist toegepast' }] });
    await handle.executeUpdate(resolveObjectionUpdate, { args: [{ objectionId: objection.id, by: manager, outcome: 'upheld', note: 'Herbeoordeling' }] });
    let timeline = await waitForTimeline(handle, (t) => t.phase === 'awardDecision' && openTasks(t).length === 1);
    expect(openTasks(timeline)[0]!.id).toBe(`${tenderId}:awardDecision:2`);
    expect(timeline.awards.map((a) => a.status)).toEqual(['withdrawn']);

    const relot = awardedLots.map((l) => (l.lotId === 'zuid' ? { ...l, provider: 'Wijkkracht BV', providerEmail: 'contract@wijkkracht.example' } : l));
    await handle.executeUpdate(registerAwardUpdate, { args: [{ by: procurementOfficer, lots: relot }] });
    await skipDays(handle, 25);
    timeline = await waitForTimeline(handle, (t) => t.phase === 'finalAward');
    expect(timeline.awards.map((a) => [a.round, a.status])).toEqual([[1, 'withdrawn'], [2, 'provisional']]);
    await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Test afgerond' }] });
  }
  const awards = await h.db.prisma.award.findMany({ where: { tenderId }, orderBy: [{ round: 'asc' }, { lotId: 'asc' }] });
  expect(awards.map((a) => [a.round, a.lotId, a.status])).toEqual([
    [1, 'midden', 'withdrawn'], [1, 'noord', 'withdrawn'], [1, 'zuid', 'withdrawn'],
    [2, 'midden', 'provisional'], [2, 'noord', 'provisional'], [2, 'zuid', 'provisional'],
  ]);
});

test('a cancellation stops the tasks and reminders and is recorded with its reason', async () => {
  const { tenderId, handle } = await launchTender();
  {
    await handle.executeUpdate(launchRecordedUpdate);
    await completeStepsUntil(handle, 'providerInput');
    const timeline = await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Raad kiest voor subsidie in plaats van aanbesteding' }] });
    expect(timeline).toMatchObject({ status: 'cancelled', phase: 'cancelled', cancellation: { reason: 'Raad kiest voor subsidie in plaats van aanbesteding' } });
    expect((await handle.result()).status).toBe('cancelled');
  }
  const sentBefore = h.mail.messages().length;
  await skipDays(handle, 200);
  expect(h.mail.messages().length).toBe(sentBefore);
  expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({
    status: 'cancelled', cancelReason: 'Raad kiest voor subsidie in plaats van aanbesteding',
  });
  const tasks = await h.db.prisma.task.findMany({ where: { tenderId }, orderBy: { openedAt: 'asc' } });
  expect(tasks.map((t) => [t.kind, t.status])).toEqual([['currentContractEvaluation', 'done'], ['providerInput', 'cancelled']]);
  expect(h.mail.messages().some((m) => m.subject.includes('aanbesteding geannuleerd'))).toBe(true);
});

test('a deadline shift re-plans the reminders; refused actions change nothing', async () => {
  const { tenderId, handle, launchDate } = await launchTender();
  {
    const launched = await handle.executeUpdate(launchRecordedUpdate);
    const due = launched.milestones[0]!.dueDate;
    const newDue = addDaysTo(due, 30);
    const shifted = await handle.executeUpdate(shiftDeadlineUpdate, { args: [{ stepKey: 'currentContractEvaluation', newDueDate: newDue, reason: 'Evaluatierapport later klaar', by: procurementOfficer }] });
    expect(shifted.milestones[0]!.dueDate).toBe(newDue);

    // The first task may still be opening (the launch Update answers once the launch is recorded): count once it is.
    await waitUntilIdle([handle]);
    const eventsBefore = await h.db.prisma.event.count({ where: { tenderId } });
    const taskId = `${tenderId}:currentContractEvaluation`;
    expect((await refusal(handle, () => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, by: { role: 'contractManager', organisation: 'DOCK' }, outcome: 'x' }] }))).type).toBe('Forbidden');
    expect((await refusal(handle, () => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: 'nope', by: procurementOfficer, outcome: 'x' }] }))).type).toBe('NotFound');
    expect((await refusal(handle, () => handle.executeUpdate(registerObjectionUpdate, { args: [{ by: bidder, reason: 'te vroeg' }] }))).type).toBe('Conflict');
    expect((await refusal(handle, () => handle.executeUpdate(registerAwardUpdate, { args: [{ by: procurementOfficer, lots: awardedLots }] }))).type).toBe('Conflict');
    const invalid = await refusal(handle, () => handle.executeUpdate(shiftDeadlineUpdate, { args: [{ stepKey: 'providerInput', newDueDate: addDaysTo(launchDate, -1), reason: 'x', by: procurementOfficer }] }));
    expect(invalid.type).toBe('InvalidArgument');
    expect(invalid.details).toEqual([{ field: 'newDueDate' }]);
    const badInput = await refusal(handle, () => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, by: { role: 'wizard', organisation: 'Gemeente Zaanstad' }, outcome: 'x' } as never] }));
    expect(badInput).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'by.role' }] });
    expect(await h.db.prisma.event.count({ where: { tenderId } })).toBe(eventsBefore);

    await skipDays(handle, daysBetween(launchDate, newDue) + 2);
    const alerts = await alertEvents(handle.workflowId);
    expect(alerts.map((a) => a.type)).toEqual(['task.reminderSent', 'task.reminderSent', 'task.escalated']);
    expectAround(alerts[0]!.at, notificationMoment(addDaysTo(newDue, -14)));
    expectAround(alerts[2]!.at, notificationMoment(addDaysTo(newDue, 1)));
    const task = await h.db.prisma.task.findUnique({ where: { id: taskId } });
    expect(toIsoDate(task!.dueDate)).toBe(newDue);
    await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Test afgerond' }] });
  }
});

test('a contract start that cannot fit is refused with the step and the days short', async () => {
  const { handle } = await launchTender(39);
  {
    const error = await handle.result().then(() => undefined, (e: unknown) => e as Error & { cause?: ApplicationFailure });
    expect(error?.cause).toBeInstanceOf(ApplicationFailure);
    expect(error!.cause!.type).toBe('PlanDoesNotFit');
    expect(error!.cause!.message).toMatch(/does not fit by \d+ days/);
  }
});

test('the submission deadline is a date: reckoned from the actual publication, closed on its date, never shortened (patches tender-legal-rules-2026-12, tender-deadline-from-publication, tender-shift-keeps-legal-periods)', async () => {
  const { tenderId, handle } = await launchTender(450, { procurementForm: 'europeanOpen' });
  {
    const launched = await handle.executeUpdate(launchRecordedUpdate);
    const due = (t: typeof launched, key: string) => t.milestones.find((m) => m.key === key)!.dueDate;
    // Aw 2012 art. 2.71 lid 1 and 2.74a: at least 40 days from the notice with electronic submission.
    expect(daysBetween(due(launched, 'publication'), due(launched, 'submissionDeadline'))).toBeGreaterThanOrEqual(40);

    // The notice goes out 20 days later than planned: the deadline is reckoned from that day.
    await completeStepsUntil(handle, 'publication');
    const plannedDeadline = due(launched, 'submissionDeadline');
    await skipUntil(handle, addDaysTo(due(launched, 'publication'), 20));
    const publishedOn = await today();
    await completeOpenTasks(handle, 'Aankondiging verzonden via TenderNed');
    let timeline = await waitForTimeline(handle, (t) => t.phase === 'questionsAndAnswers' && openTasks(t).length === 1);
    expect(due(timeline, 'submissionDeadline')).toBe(addDaysTo(publishedOn, 40));
    expect(daysBetween(plannedDeadline, due(timeline, 'submissionDeadline'))).toBeGreaterThan(0);
    const shifted = await h.db.prisma.event.findFirst({ where: { tenderId, type: 'tender.deadlineShifted' } });
    expect(shifted?.data).toMatchObject({ publishedOn, moved: [{ key: 'submissionDeadline', to: addDaysTo(publishedOn, 40) }] });
    expect(h.mail.messages().some((m) => m.subject.includes(`sluitingsdatum inschrijving nu ${addDaysTo(publishedOn, 40)}`))).toBe(true);

    // A shift that would shorten the tender period is refused naming the article; nothing is recorded.
    // (Counted once the publication's own records are written: they may still be in flight.)
    await waitUntilIdle([handle]);
    const eventsBefore = await h.db.prisma.event.count({ where: { tenderId } });
    const shorter = await refusal(handle, () =>
      handle.executeUpdate(shiftDeadlineUpdate, { args: [{ stepKey: 'submissionDeadline', newDueDate: addDaysTo(publishedOn, 39), reason: 'sneller', by: procurementOfficer }] }),
    );
    expect(shorter).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'newDueDate' }] });
    expect(shorter.message).toContain('Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a');
    expect(await h.db.prisma.event.count({ where: { tenderId } })).toBe(eventsBefore);

    // Clicking "done" before the published date does not close the period.
    await completeOpenTasks(handle, 'Nota van inlichtingen verzonden');
    timeline = await waitForTimeline(handle, (t) => t.phase === 'submissionDeadline' && openTasks(t).length === 1);
    const deadlineTask = openTasks(timeline)[0]!;
    await waitUntilIdle([handle]);
    const eventsBeforeEarly = await h.db.prisma.event.count({ where: { tenderId } });
    const early = await refusal(handle, () => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: deadlineTask.id, by: procurementOfficer, outcome: 'Inschrijvingen binnen' }] }));
    expect(early.type).toBe('Conflict');
    expect(early.message).toContain(`published closing date ${addDaysTo(publishedOn, 40)}`);
    expect(early.message).toContain('art. 2.71 lid 1');
    expect(await h.db.prisma.event.count({ where: { tenderId } })).toBe(eventsBeforeEarly);
    expect((await handle.query(tenderTimelineQuery)).phase).toBe('submissionDeadline');

    // On its date it closes.
    await skipUntil(handle, addDaysTo(publishedOn, 40));
    await completeOpenTasks(handle, 'Inschrijvingen geopend');
    timeline = await waitForTimeline(handle, (t) => t.phase === 'evaluation');
    expect(timeline.milestones.find((m) => m.key === 'submissionDeadline')!.tasks[0]).toMatchObject({ status: 'done', completedAt: expect.stringContaining(addDaysTo(publishedOn, 40)) });

    expect(await recordedPatches(handle)).toEqual(expect.arrayContaining([LEGAL_RULES_2026_12_PATCH, DEADLINE_FROM_PUBLICATION_PATCH]));
    await handle.executeUpdate(shiftDeadlineUpdate, { args: [{ stepKey: 'evaluation', newDueDate: addDaysTo(due(timeline, 'evaluation'), 1), reason: 'Beoordelingscommissie later', by: procurementOfficer }] });
    expect(await recordedPatches(handle)).toContain(SHIFT_KEEPS_LEGAL_PERIODS_PATCH);
    await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Test afgerond' }] });
  }
});

test('a national procedure above the EU threshold does not start (Delegated Regulation (EU) 2025/2152; patch tender-legal-rules-2026-12)', async () => {
  const { handle } = await launchTender(450, { procurementForm: 'national', estimatedValueCents: 300_000_00 });
  const error = await handle.result().then(() => undefined, (e: unknown) => e as Error & { cause?: ApplicationFailure });
  expect(error?.cause).toBeInstanceOf(ApplicationFailure);
  expect(error!.cause!.type).toBe('PlanDoesNotFit');
  expect(error!.cause!.details).toMatchObject([{ field: 'procurementForm' }]);
  expect(error!.cause!.message).toContain('Gedelegeerde Verordening (EU) 2025/2152');
});

test('a tender launched on the code before 2026-12 keeps its plan, and the law of now holds from its publication on (patch tender-deadline-from-publication; no tender-legal-rules-2026-12 marker)', async () => {
  const taskQueue = `tender-release-${randomUUID()}`;
  const old = await startWorker(taskQueue, BEFORE_LEGAL_PERIODS);
  const tenderId = randomUUID();
  const launchDate = await today();
  const launch = tenderLaunchSchema.parse({ ...zaanstadLaunch(addDaysTo(launchDate, 450)), procurementForm: 'europeanOpen' });
  const handle = await h.env.client.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
    taskQueue,
    workflowId: tenderWorkflowId(tenderId),
    args: [{ tenderId, launch }],
  });
  {
    const launched = await handle.executeUpdate(launchRecordedUpdate);
    const due = (t: typeof launched, key: string) => t.milestones.find((m) => m.key === key)!.dueDate;
    // Launched on the old code: planned with the directive's 30 days (the table it replays with).
    const oldPlan = planTender({ procurementForm: 'europeanOpen', electronicSubmission: true, contractStart: launch.contractStart, today: launchDate, ruleSet: 'before-2026-12' });
    expect(launched.milestones.map((m) => m.dueDate)).toEqual(oldPlan.milestones.map((m) => m.dueDate));
    await completeSteps(handle, 'publication');

    // The release with the legal periods of 2026-12 takes over the running tender.
    await waitUntilIdle([handle]);
    await stopWorker(old);
    await startWorker(taskQueue);
    expect((await handle.query(tenderTimelineQuery)).milestones.map((m) => m.dueDate)).toEqual(oldPlan.milestones.map((m) => m.dueDate));

    // Published 20 days late: the deadline is reckoned by the law (Aw 2012 art. 2.71 lid 1, 2.74a: 40 days), not the old 30.
    await skipUntil(handle, addDaysTo(due(launched, 'publication'), 20));
    const publishedOn = await today();
    await completeOpenTasks(handle, 'Aankondiging verzonden via TenderNed');
    const timeline = await waitForTimeline(handle, (t) => t.phase === 'questionsAndAnswers' && openTasks(t).length === 1);
    expect(due(timeline, 'submissionDeadline')).toBe(addDaysTo(publishedOn, 40));
    expect(due(timeline, 'executiveDecision')).toBe(due(launched, 'executiveDecision'));

    const patches = await recordedPatches(handle);
    expect(patches).toContain(DEADLINE_FROM_PUBLICATION_PATCH);
    expect(patches).not.toContain(LEGAL_RULES_2026_12_PATCH);
    await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Test afgerond' }] });
    await handle.result();
  }
});
