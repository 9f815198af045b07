/**
 * Mail goes to whoever holds the role on the day it is sent, end to end: a tender on Temporal's
 * time-skipping test server with the real activities, database and SMTP. Its launch seeds the role
 * directory; the contract manager's role is handed over while the first task is open, so its reminders
 * reach the new holder only; the manager's role is vacated, so the escalation fails for good (recorded,
 * the tender goes on) instead of mailing someone who left.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../api/auth/principal';
import { endAssignment, reassign } from '../../api/services/directory';
import { addDaysTo, daysBetween, toIsoDate } from '../../domain/dates';
import { directoryDay } from '../../domain/directory';
import { tenderLaunchSchema } from '../../domain/schemas/tender-launch';
import { planTender } from '../../domain/tender-plan';
import { NOTIFY_ROLE_HOLDERS_PATCH } from '../../workflows/shared/recipients';
import type { tenderPreparationWorkflow } from '../../workflows/tender/tender-preparation';
import { launchRecordedUpdate, tenderWorkflowId } from '../../workflows/tender/tender-definitions';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { openTasks, waitForTimeline, waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;
const ZAANSTAD = 'Gemeente Zaanstad';
const OLD_CONTRACT_MANAGER = 'contractmanagement@zaanstad.example';
const NEW_CONTRACT_MANAGER = 'nieuwe.contractmanager@zaanstad.example';

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

/** Zaanstad's administrator, as a signed-in person would be. */
const administrator: Principal = {
  kind: 'person',
  id: 'beheerder',
  label: 'beheer@zaanstad.example',
  name: 'Beheerder',
  email: 'beheer@zaanstad.example',
  locale: 'nl',
  holdings: [{ role: 'administrator', organisation: ZAANSTAD }],
};

async function currentAssignment(role: string) {
  const today = directoryDay(new Date());
  const rows = await h.db.prisma.roleAssignment.findMany({ where: { organisationId: ZAANSTAD, role }, include: { person: true } });
  return rows.find((r) => toIsoDate(r.validFrom) <= today && (r.validUntil === null || toIsoDate(r.validUntil) >= today))!;
}

async function patchesOf(workflowId: string): Promise<string[]> {
  const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => JSON.parse(Buffer.from(m!.details!['patch-data']!.payloads![0]!.data!).toString('utf8')) as { id: string })
    .map((p) => p.id);
}

test("a handed-over role's reminders reach the new holder only; a vacated role's escalation fails for good and the tender goes on", async () => {
  const tenderId = randomUUID();
  const launchDate = toIsoDate(new Date(await h.env.currentTimeMs()));
  const launch = tenderLaunchSchema.parse(zaanstadLaunch(addDaysTo(launchDate, 450)));
  const handle = await h.env.client.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: tenderWorkflowId(tenderId),
    args: [{ tenderId, launch }],
  });
  const launched = await handle.executeUpdate(launchRecordedUpdate);
  await waitForTimeline(handle, (t) => openTasks(t).length === 1);
  await waitUntilIdle([handle]);

  // The launch seeded the directory; the first task (the contract manager's) was announced to the launch's holder.
  expect((await currentAssignment('contractManager')).person.email).toBe(OLD_CONTRACT_MANAGER);
  const assigned = h.mail.messages().filter((m) => m.subject.startsWith('[regie] Nieuwe taak'));
  expect(assigned.map((m) => m.to)).toEqual([[OLD_CONTRACT_MANAGER]]);
  expect(await patchesOf(handle.workflowId)).toContain(NOTIFY_ROLE_HOLDERS_PATCH);

  // The administrator hands the role over and vacates the manager's: both from today.
  const deps = { prisma: h.db.prisma };
  const today = directoryDay(new Date());
  await reassign(deps, administrator, { organisationId: ZAANSTAD, assignmentId: (await currentAssignment('contractManager')).id, email: NEW_CONTRACT_MANAGER, from: today });
  await endAssignment(deps, administrator, { organisationId: ZAANSTAD, assignmentId: (await currentAssignment('manager')).id, validUntil: addDaysTo(today, -1) });

  // Past the due date: the 14- and 3-day reminders, then the escalation.
  const plan = planTender({ procurementForm: 'socialServicesLightRegime', electronicSubmission: true, contractStart: launched.contractStart, today: launchDate });
  await h.env.sleep((daysBetween(launchDate, plan.milestones[0]!.dueDate) + 2) * DAY);
  await waitUntilIdle([handle]);

  const reminders = h.mail.messages().filter((m) => m.subject.startsWith('[regie] Herinnering'));
  expect(reminders.map((m) => m.envelope.to)).toEqual([[NEW_CONTRACT_MANAGER], [NEW_CONTRACT_MANAGER]]);
  expect(h.mail.messages().filter((m) => m.subject.startsWith('[regie] Te laat'))).toHaveLength(0);

  const failed = await h.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: 'notification.failed' } });
  expect(failed.map((e) => e.data)).toEqual([
    expect.objectContaining({
      kind: 'escalation',
      roles: [{ role: 'manager', organisation: ZAANSTAD }],
      error: expect.stringContaining(`Nobody holds manager (manager) of ${ZAANSTAD} on ${today}`),
    }),
  ]);
  const rows = await h.db.prisma.notification.findMany({ where: { workflowId: handle.workflowId }, orderBy: { claimedAt: 'asc' } });
  expect(rows.map((r) => [r.kind, r.status, r.recipient])).toEqual([
    ['task-assigned', 'sent', OLD_CONTRACT_MANAGER],
    ['reminder', 'sent', NEW_CONTRACT_MANAGER],
    ['reminder', 'sent', NEW_CONTRACT_MANAGER],
    ['escalation', 'undeliverable', ''],
  ]);
  // The tender went on: the task is escalated (recorded) and still open for the new holder.
  expect(await h.db.prisma.task.findUnique({ where: { id: `${tenderId}:currentContractEvaluation` } })).toMatchObject({ status: 'open', role: 'contractManager' });
  expect((await h.db.prisma.task.findUnique({ where: { id: `${tenderId}:currentContractEvaluation` } }))?.escalatedAt).not.toBeNull();
});
