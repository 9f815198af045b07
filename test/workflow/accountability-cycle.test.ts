/**
 * The accountability cycle (one period of a contract) on Temporal's time-skipping test server, with a
 * real database and SMTP: the report, the invitation with its .ics, the outcome and the follow-ups;
 * reminders and both escalation levels at their simulated dates; refused outcomes record nothing.
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationFailure } from '@temporalio/common';
import { amsterdamTime, planConversationDate } from '../../domain/accountability';
import type { AccountabilityPeriod } from '../../domain/contract-schedule';
import { addDaysTo, notificationMoment, toIsoDate } from '../../domain/dates';
import type { Kpi } from '../../domain/schemas/tender-launch';
import type { accountabilityCycleWorkflow } from '../../workflows/accountability-cycle/accountability-cycle';
import {
  type AccountabilityCycleInput,
  accountabilityCycleQuery,
  type AccountabilityCycleView,
  accountabilityWorkflowId,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from '../../workflows/accountability-cycle/accountability-definitions';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { type CycleHandle, waitForCycle } from '../helpers/accountability-driver';
import { refusal } from '../helpers/update-refusal';
import { waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;
const commissioner = 'Gemeente Zaanstad';
const provider = 'DOCK';
const contractManager = { role: 'contractManager', organisation: commissioner, name: 'C. Manager' } as const;
const contractContact = { role: 'contractContact', organisation: provider, name: 'D. Contact' } as const;
const teamLead = { role: 'teamLead', organisation: provider } as const;
const kpis: Kpi[] = [
  { name: 'Bereik', definition: 'Aantal inwoners met een hulpvraag dat binnen 5 werkdagen is gesproken', measurable: true },
  { name: 'Ervaren regie', definition: 'Het verhaal van inwoners over hun eigen regie', measurable: false },
  { name: 'Doorlooptijd', definition: 'Dagen van melding tot plan', measurable: true },
];
const stakeholders = [
  { role: 'contractManager', organisation: commissioner, email: 'contractmanagement@zaanstad.example' },
  { role: 'manager', organisation: commissioner, email: 'manager-sociaal-domein@zaanstad.example' },
  { role: 'contractContact', organisation: provider, email: 'contract@dock.example' },
  { role: 'teamLead', organisation: provider, email: 'teamleiding@dock.example' },
] as const;

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

/** A quarter that ended yesterday: the report is due in 29 days, the conversation 21 days later. */
async function startCycle(): Promise<{ handle: CycleHandle; input: AccountabilityCycleInput; started: string }> {
  const started = await today();
  const contractId = randomUUID();
  const reportDue = addDaysTo(started, 29);
  const period: AccountabilityPeriod = {
    index: 3,
    from: addDaysTo(started, -91),
    to: addDaysTo(started, -1),
    reportDue,
    conversationDue: addDaysTo(reportDue, 21),
    contractYear: 1,
  };
  const input: AccountabilityCycleInput = {
    contractId,
    contractWorkflowId: contractWorkflowId(contractId),
    title: 'Sociale Wijkteams Zaanstad 2027, perceel Zaanstad Noord',
    commissioner,
    provider,
    period,
    kpis,
    stakeholders: stakeholders.map((s) => ({ ...s })),
    reminderDaysBefore: [14, 3],
  };
  const handle = await h.env.client.workflow.start<typeof accountabilityCycleWorkflow>('accountabilityCycleWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: accountabilityWorkflowId(contractId, period.index),
    args: [input],
  });
  return { handle, input, started };
}

function openOfKind(view: AccountabilityCycleView, kind: string) {
  return view.tasks.filter((t) => t.kind === kind && t.status === 'open');
}

function fieldOf(failure: ApplicationFailure): unknown {
  return (failure.details?.[0] as { field?: string } | undefined)?.field;
}

function expectAround(actualMs: number, expected: Date): void {
  expect(Math.abs(actualMs - expected.getTime())).toBeLessThan(60_000);
}

/** The .ics as property lines (RFC 5545 folded lines joined again). */
function icsLines(ics: string): string[] {
  return ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter(Boolean);
}

function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const validOutcome = {
  by: contractManager,
  figures: [{ kpi: 'Bereik', value: 412 }],
  narratives: [{ kpi: 'Ervaren regie', text: 'Inwoners in Krommenie vertellen dat ze zelf de regie houden sinds de wijkteams vaste gezichten hebben.' }],
  story: 'Het bereik steeg door de inloop in het buurthuis; de doorlooptijd is nog niet gemeten omdat het registratiesysteem wisselde.',
  agreements: ['DOCK levert vanaf volgend kwartaal de doorlooptijd uit het nieuwe systeem'],
};

test('a report on time: invitation with .ics, an outcome with figures and narratives, follow-ups done, a summary', async () => {
  const { handle, input, started } = await startCycle();
  const { period } = input;
  let view = await waitForCycle(handle, (v) => openOfKind(v, 'accountabilityReport').length === 1);
  expect(view.phase).toBe('report');
  const report = openOfKind(view, 'accountabilityReport')[0]!;
  expect(report).toMatchObject({ role: 'contractContact', organisation: provider, dueDate: period.reportDue });
  await h.mail.waitFor((m) => m.subject.startsWith('[regie] Nieuwe taak') && (m.text ?? '').includes(report.id), 10_000);

  const done = await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: 'Rapportage Q3 aangeleverd' }] });
  expect(done.status).toBe('done');

  view = await waitForCycle(handle, (v) => v.phase === 'conversation' && v.conversation !== undefined);
  const conversation = openOfKind(view, 'accountabilityConversation')[0]!;
  expect(conversation).toMatchObject({ role: 'contractManager', organisation: commissioner, dueDate: period.conversationDue });
  const date = planConversationDate(period.conversationDue, started);
  expect(view.conversation).toMatchObject({ date, startsAt: amsterdamTime(date, 10).toISOString() });

  // The invitation: one email to both sides, with a METHOD:REQUEST calendar.
  const invitation = await h.mail.waitFor((m) => m.subject.startsWith('[regie] Uitnodiging verantwoordingsgesprek') && (m.text ?? '').includes(conversation.id), 10_000);
  expect([...invitation.to].sort()).toEqual(['contract@dock.example', 'contractmanagement@zaanstad.example']);
  expect(invitation.text).toContain('Ervaren regie');
  const calendar = invitation.attachments.find((a) => a.contentType === 'text/calendar');
  expect(calendar).toBeDefined();
  const lines = icsLines(calendar!.content);
  expect(lines).toContain('METHOD:REQUEST');
  expect(lines).toContain(`DTSTART:${icsUtc(amsterdamTime(date, 10))}`);
  expect(lines).toContain(`UID:${conversation.id}@regie`);
  const attendees = lines.filter((l) => l.startsWith('ATTENDEE'));
  expect(attendees).toHaveLength(2);
  expect(attendees.map((l) => /mailto:(.+)$/i.exec(l)?.[1]).sort()).toEqual(['contract@dock.example', 'contractmanagement@zaanstad.example']);
  expect(attendees.every((l) => l.includes('RSVP=TRUE'))).toBe(true);
  expect(/mailto:(.+)$/i.exec(lines.find((l) => l.startsWith('ORGANIZER')) ?? '')?.[1]).toBe('contractmanagement@zaanstad.example');

  // The conversation task is completed by the outcome, not by completeTask.
  const viaCompleteTask = await refusal(handle, () => handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: conversation.id, by: contractManager, outcome: 'Gevoerd' }] }));
  expect(viaCompleteTask.type).toBe('Conflict');

  const followUpDue = [addDaysTo(started, 60), addDaysTo(started, 90)];
  const outcome = await handle.executeUpdate(recordAccountabilityOutcomeUpdate, {
    args: [{
      ...validOutcome,
      followUps: [
        { title: 'Doorlooptijd meten in het nieuwe systeem', ownerRole: 'teamLead', ownerOrganisation: provider, dueDate: followUpDue[0]! },
        { title: 'Terugkoppeling aan de raad', ownerRole: 'contractManager', ownerOrganisation: commissioner, dueDate: followUpDue[1]! },
      ],
    }],
  });
  expect(outcome.missingFigures).toEqual(['Doorlooptijd']);
  expect(outcome.figures).toEqual([{ kpi: 'Bereik', value: 412 }]);
  expect(outcome.followUps.map((f) => f.taskId)).toEqual([`${input.contractId}:accountabilityFollowUp:p3:1`, `${input.contractId}:accountabilityFollowUp:p3:2`]);

  view = await handle.query(accountabilityCycleQuery);
  expect(view.phase).toBe('followUp');
  expect(view.outcome?.missingFigures).toEqual(['Doorlooptijd']);
  expect(view.tasks.map((t) => [t.kind, t.status])).toEqual([
    ['accountabilityReport', 'done'], ['accountabilityConversation', 'done'], ['accountabilityFollowUp', 'open'], ['accountabilityFollowUp', 'open'],
  ]);
  // Stored once as an event with the whole outcome; the missing figure is a list entry, not a zero.
  const recorded = await h.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: 'accountability.outcomeRecorded' } });
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ contractId: input.contractId, actorRole: 'contractManager', actorOrganisation: commissioner });
  expect(recorded[0]!.data).toMatchObject({
    figures: [{ kpi: 'Bereik', value: 412 }],
    narratives: validOutcome.narratives,
    story: validOutcome.story,
    agreements: validOutcome.agreements,
    missingFigures: ['Doorlooptijd'],
    period: { index: 3, from: period.from, to: period.to },
  });
  await h.mail.waitFor((m) => m.subject.includes('Doorlooptijd meten') && m.to.includes('teamleiding@dock.example'), 10_000);

  // Follow-ups, each by its owner.
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: outcome.followUps[0]!.taskId, by: teamLead, outcome: 'Meting staat' }] });
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: outcome.followUps[1]!.taskId, by: contractManager, outcome: 'Raadsinformatiebrief verstuurd' }] });

  const summary = await handle.result();
  expect(summary).toMatchObject({
    contractId: input.contractId,
    periodIndex: 3,
    report: { dueDate: period.reportDue, onTime: true, escalations: 0 },
    conversation: { date, dueDate: period.conversationDue },
    figures: [{ kpi: 'Bereik', value: 412 }],
    missingFigures: ['Doorlooptijd'],
    narrativeKpis: ['Ervaren regie'],
    agreements: validOutcome.agreements,
  });
  expect(summary.followUps.map((f) => [f.title, f.ownerRole, f.dueDate, f.onTime])).toEqual([
    ['Doorlooptijd meten in het nieuwe systeem', 'teamLead', followUpDue[0], true],
    ['Terugkoppeling aan de raad', 'contractManager', followUpDue[1], true],
  ]);
  const tasks = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId }, orderBy: { openedAt: 'asc' } });
  expect(tasks.map((t) => [t.kind, t.status, t.commissioner, t.provider])).toEqual([
    ['accountabilityReport', 'done', commissioner, provider],
    ['accountabilityConversation', 'done', commissioner, provider],
    ['accountabilityFollowUp', 'done', commissioner, provider],
    ['accountabilityFollowUp', 'done', commissioner, provider],
  ]);
  const types = (await h.db.prisma.event.findMany({ where: { workflowId: handle.workflowId }, select: { type: true } })).map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['accountability.cycleStarted', 'accountability.conversationPlanned', 'accountability.outcomeRecorded', 'accountability.cycleCompleted']));
  expect(types.filter((t) => t === 'task.escalated')).toHaveLength(0);
});

test('a late report: reminders, the contract manager the morning after due, the manager a week later', async () => {
  const { handle, input } = await startCycle();
  const due = input.period.reportDue;
  await waitForCycle(handle, (v) => openOfKind(v, 'accountabilityReport').length === 1);
  await waitUntilIdle([handle]);
  const daysToSkip = 29 + 10; // to two days past the second escalation (due + 8)
  await h.env.sleep(daysToSkip * DAY);
  await waitUntilIdle([handle]);

  const events = await h.db.prisma.event.findMany({
    where: { workflowId: handle.workflowId, type: { in: ['task.reminderSent', 'task.escalated'] } },
    orderBy: { occurredAt: 'asc' },
  });
  expect(events.map((e) => [e.type, (e.data as { level?: number }).level ?? 1])).toEqual([
    ['task.reminderSent', 1], ['task.reminderSent', 1], ['task.escalated', 1], ['task.escalated', 2],
  ]);
  expectAround(events[0]!.occurredAt.getTime(), notificationMoment(addDaysTo(due, -14)));
  expectAround(events[1]!.occurredAt.getTime(), notificationMoment(addDaysTo(due, -3)));
  expectAround(events[2]!.occurredAt.getTime(), notificationMoment(addDaysTo(due, 1)));
  expectAround(events[3]!.occurredAt.getTime(), notificationMoment(addDaysTo(due, 8)));

  const mine = h.mail.messages().filter((m) => (m.text ?? '').includes(input.contractId));
  expect(mine.filter((m) => m.subject.startsWith('[regie] Herinnering')).map((m) => m.to)).toEqual([['contract@dock.example'], ['contract@dock.example']]);
  expect(mine.filter((m) => m.subject.startsWith('[regie] Te laat')).map((m) => m.to)).toEqual([['contractmanagement@zaanstad.example']]);
  expect(mine.filter((m) => m.subject.startsWith('[regie] Nog steeds te laat')).map((m) => m.to)).toEqual([['manager-sociaal-domein@zaanstad.example']]);
  const row = await h.db.prisma.task.findUnique({ where: { id: `${input.contractId}:accountabilityReport:p3` } });
  expect(row?.escalatedAt?.getTime()).toBe(events[2]!.occurredAt.getTime());

  // The report arrives late; the cycle goes on as usual.
  expect((await handle.query(accountabilityCycleQuery)).phase).toBe('report');
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: `${input.contractId}:accountabilityReport:p3`, by: contractContact, outcome: 'Rapportage alsnog aangeleverd' }] });
  await waitForCycle(handle, (v) => v.phase === 'conversation' && v.conversation !== undefined);
  await handle.executeUpdate(recordAccountabilityOutcomeUpdate, { args: [{ ...validOutcome, figures: [...validOutcome.figures, { kpi: 'Doorlooptijd', value: 12.5 }] }] });
  const summary = await handle.result();
  expect(summary.report).toMatchObject({ dueDate: due, onTime: false, escalations: 2 });
  expect(summary.missingFigures).toEqual([]);
  expect(summary.followUps).toEqual([]);
  // No second-level escalation for anything else, and nothing more after the report came in.
  expect(await h.db.prisma.event.count({ where: { workflowId: handle.workflowId, type: 'task.escalated' } })).toBe(2);
});

test('invalid outcomes are refused naming the field, and nothing is recorded', async () => {
  const { handle, input } = await startCycle();
  const view = await waitForCycle(handle, (v) => openOfKind(v, 'accountabilityReport').length === 1);
  const reportId = view.tasks[0]!.id;

  // Before the report is in: Conflict.
  expect((await refusal(handle, () => handle.executeUpdate(recordAccountabilityOutcomeUpdate, { args: [validOutcome] }))).type).toBe('Conflict');
  // The report belongs to the provider's contract contact.
  expect((await refusal(handle, () => handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: reportId, by: contractManager, outcome: 'x' }] }))).type).toBe('Forbidden');
  expect((await refusal(handle, () => handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: 'nope', by: contractContact, outcome: 'x' }] }))).type).toBe('NotFound');
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: reportId, by: contractContact, outcome: 'Aangeleverd' }] });
  await waitForCycle(handle, (v) => v.phase === 'conversation');

  const refused = async (outcome: unknown) => refusal(handle, () => handle.executeUpdate(recordAccountabilityOutcomeUpdate, { args: [outcome as typeof validOutcome] }));
  const cases: [string, unknown, string][] = [
    ['a number for a non-measurable KPI', { ...validOutcome, figures: [...validOutcome.figures, { kpi: 'Ervaren regie', value: 7 }] }, 'figures.1.value'],
    ['no narrative for a non-measurable KPI', { ...validOutcome, narratives: [] }, 'narratives'],
    ['an unknown KPI', { ...validOutcome, figures: [{ kpi: 'Tevredenheid', value: 8 }] }, 'figures.0.kpi'],
    ['a figure that is not a number', { ...validOutcome, figures: [{ kpi: 'Bereik', value: 'veel' }] }, 'figures.0.value'],
    ['no story', { ...validOutcome, story: ' ' }, 'story'],
    ['a follow-up for an outsider', { ...validOutcome, followUps: [{ title: 'x', ownerRole: 'director', ownerOrganisation: 'Wijkkracht BV', dueDate: addDaysTo(input.period.conversationDue, 30) }] }, 'followUps.0.ownerOrganisation'],
    ['a follow-up for a role nobody holds', { ...validOutcome, followUps: [{ title: 'x', ownerRole: 'director', ownerOrganisation: provider, dueDate: addDaysTo(input.period.conversationDue, 30) }] }, 'followUps.0.ownerRole'],
  ];
  for (const [, outcome, field] of cases) {
    const failure = await refused(outcome);
    expect([failure.type, fieldOf(failure)]).toEqual(['InvalidArgument', field]);
  }
  // Only the contract management of the commissioner records the outcome.
  expect((await refused({ ...validOutcome, by: contractContact })).type).toBe('Forbidden');

  expect(await h.db.prisma.event.count({ where: { workflowId: handle.workflowId, type: 'accountability.outcomeRecorded' } })).toBe(0);
  const after = await handle.query(accountabilityCycleQuery);
  expect(after.phase).toBe('conversation');
  expect(after.outcome).toBeUndefined();
  expect(openOfKind(after, 'accountabilityConversation')).toHaveLength(1);

  // The contract ends early: the cycle is cancelled and its open task closed.
  await handle.cancel();
  await expect(handle.result()).rejects.toThrow();
  const rows = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId }, orderBy: { openedAt: 'asc' } });
  expect(rows.map((t) => [t.kind, t.status])).toEqual([['accountabilityReport', 'done'], ['accountabilityConversation', 'cancelled']]);
});
