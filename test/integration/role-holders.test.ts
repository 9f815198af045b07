/**
 * Tasks go to roles, mail to whoever holds the role on the day it is sent: a provider's contract
 * contact is handed over through the directory API, and from that day the role's open task is the new
 * holder's (GET /tasks as each person) and the next reminder (the sendNotification activity, addressed
 * to the role as the workflows address it) reaches the new holder only, over real SMTP. A role nobody
 * holds fails for good instead of mailing someone who left, and shows in the managers' overviews.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { makeSendNotification, NotificationRejected, UNDELIVERABLE, type NotificationInput } from '../../activities/send-notification';
import { buildApi } from '../../api/server';
import { addDaysTo, toUtcDate } from '../../domain/dates';
import { directoryDay } from '../../domain/directory';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor } from '../helpers/principals';
import { personWithRoles, sessionFor } from '../helpers/sessions';

const ZAANSTAD = 'Gemeente Zaanstad';
const SMD = 'SMD';
const OLD_CONTACT = 'j.jansen@smd.example';
const NEW_CONTACT = 'p.pietersen@smd.example';
const today = directoryDay(new Date());
const yesterday = addDaysTo(today, -1);

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let capture: MailCapture;

beforeAll(async () => {
  db = await createTestDatabase();
  capture = await startMailCapture({ port: 0 });
  temporal = new Client(); // lazy: these routes never reach Temporal
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  await seedContractWithReport(db.prisma);
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await capture?.stop();
  await db?.drop();
});

async function seedContractWithReport(prisma: TestDatabase['prisma']): Promise<void> {
  await prisma.organisation.create({ data: { id: ZAANSTAD, kind: 'municipality', actsFor: [] } });
  await prisma.organisation.create({ data: { id: SMD, kind: 'provider', actsFor: [] } });
  await prisma.contract.create({
    data: {
      id: 'c-zuid',
      workflowId: 'contract-term-c-zuid',
      lotId: 'zuid',
      lotTitle: 'Zaanstad Zuid',
      commissioner: ZAANSTAD,
      commissioners: [ZAANSTAD],
      provider: SMD,
      valueCents: 31_000_000_00n,
      startDate: toUtcDate('2027-01-01'),
      endDate: toUtcDate('2034-12-31'),
      status: 'active',
      terms: {},
    },
  });
  await prisma.task.create({
    data: {
      id: 'c-zuid:accountabilityReport:p1',
      workflowId: 'accountability-c-zuid-1',
      contractId: 'c-zuid',
      kind: 'accountabilityReport',
      title: 'Verantwoordingsrapportage Q1',
      role: 'contractContact',
      organisation: SMD,
      commissioner: ZAANSTAD,
      provider: SMD,
      dueDate: toUtcDate(addDaysTo(today, 14)),
      status: 'open',
      openedAt: new Date(),
    },
  });
}

const reminderTo = (key: string): NotificationInput => ({
  idempotencyKey: `c-zuid:accountabilityReport:p1:reminder:${key}`,
  workflowId: 'accountability-c-zuid-1',
  taskId: 'c-zuid:accountabilityReport:p1',
  kind: 'reminder',
  // What the workflow had from the launch: the contact at award, who has since left.
  to: [OLD_CONTACT],
  addressedTo: [{ role: 'contractContact', organisation: SMD, stakeholderAddresses: [OLD_CONTACT] }],
  subject: 'Herinnering: Verantwoordingsrapportage Q1',
  text: 'De rapportage is over 14 dagen uiterlijk in te leveren.',
});

const sendNotification = () => makeSendNotification({ prisma: db.prisma, mailer: createMailer({ smtpUrl: capture.url }) });

async function taskIdsSeenBy(personId: string): Promise<string[]> {
  const response = await api.inject({ method: 'GET', url: '/tasks', headers: await sessionFor(api, db.prisma, personId) });
  return response.statusCode === 200 ? (response.json() as { id: string }[]).map((t) => t.id) : [];
}

describe('a reassigned role: its open tasks and its mail go to the new holder', () => {
  let oldContact: { id: string };
  let administrator: { id: string };
  let newContactId: string;

  beforeAll(async () => {
    oldContact = await personWithRoles(db.prisma, OLD_CONTACT, [{ role: 'contractContact', organisation: SMD, kind: 'provider' }]);
    administrator = await personWithRoles(db.prisma, 'beheer@smd.example', [{ role: 'administrator', organisation: SMD, kind: 'provider' }]);
  });

  it('before the handover: the old contact sees the report task and the reminder reaches them', async () => {
    expect(await taskIdsSeenBy(oldContact.id)).toContain('c-zuid:accountabilityReport:p1');
    const before = capture.messages().length;
    await sendNotification()(reminderTo('before'));
    const mail = capture.messages().slice(before);
    expect(mail.map((m) => m.envelope.to)).toEqual([[OLD_CONTACT]]);
  });

  it("the provider's administrator hands the role over from today: the old assignment ends yesterday", async () => {
    const { assignments } = (await api.inject({ method: 'GET', url: `/organisations/${SMD}/assignments`, headers: await sessionFor(api, db.prisma, administrator.id) })).json() as {
      assignments: { id: string; role: string; person: { email: string } }[];
    };
    const current = assignments.find((a) => a.role === 'contractContact' && a.person.email === OLD_CONTACT)!;
    const response = await api.inject({
      method: 'POST',
      url: `/organisations/${SMD}/assignments/${current.id}/reassign`,
      headers: await sessionFor(api, db.prisma, administrator.id),
      payload: { email: NEW_CONTACT, name: 'P. Pietersen', from: today },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { ended: { validUntil: string; current: boolean }; started: { person: { id: string; email: string }; validFrom: string; validUntil: null; current: boolean } };
    expect(body.ended).toMatchObject({ validUntil: yesterday, current: false });
    expect(body.started).toMatchObject({ person: { email: NEW_CONTACT }, validFrom: today, validUntil: null, current: true });
    newContactId = body.started.person.id;
  });

  it('the new holder sees the open task through GET /tasks; the old one no longer does', async () => {
    expect(await taskIdsSeenBy(newContactId)).toContain('c-zuid:accountabilityReport:p1');
    expect(await taskIdsSeenBy(oldContact.id)).not.toContain('c-zuid:accountabilityReport:p1');
  });

  it('the next reminder reaches the new holder only, and its row records who it went to', async () => {
    const before = capture.messages().length;
    const input = reminderTo('after');
    await sendNotification()(input);
    const mail = capture.messages().slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.envelope.to).toEqual([NEW_CONTACT]);
    expect(mail[0]!.to).toEqual([NEW_CONTACT]);
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(row).toMatchObject({ status: 'sent', recipient: NEW_CONTACT });
  });

  it('a role nobody holds any more: the reminder fails for good with the reason, no mail goes out, the managers see it', async () => {
    // The new contact's assignment is withdrawn (ended the day before it started): SMD has no contract contact.
    const { assignments } = (await api.inject({ method: 'GET', url: `/organisations/${SMD}/assignments`, headers: await sessionFor(api, db.prisma, administrator.id) })).json() as {
      assignments: { id: string; role: string; current: boolean }[];
    };
    const current = assignments.find((a) => a.role === 'contractContact' && a.current)!;
    const ended = await api.inject({
      method: 'POST',
      url: `/organisations/${SMD}/assignments/${current.id}/end`,
      headers: await sessionFor(api, db.prisma, administrator.id),
      payload: { validUntil: yesterday },
    });
    expect(ended.statusCode).toBe(200);

    const before = capture.messages().length;
    const input = reminderTo('vacant');
    const failure = await sendNotification()(input).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: NotificationRejected, nonRetryable: true });
    expect((failure as Error).message).toBe(
      `Nobody holds contractContact (contactpersoon opdrachtnemer) of SMD on ${today} in the role directory: the notification was not sent (assign the role to send the next ones)`,
    );
    expect(capture.messages().slice(before)).toHaveLength(0);
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(row).toMatchObject({ status: UNDELIVERABLE, recipient: '' });

    const manager = await apiTokenFor(db.prisma, ZAANSTAD, ['manager']);
    const failed = await api.inject({ method: 'GET', url: '/overview/failed-notifications', headers: { ...manager } });
    expect(failed.statusCode).toBe(200);
    expect((failed.json() as { notifications: { idempotencyKey: string; error: string }[] }).notifications).toContainEqual(
      expect.objectContaining({ idempotencyKey: input.idempotencyKey, error: expect.stringContaining('Nobody holds contractContact') }),
    );
  });

  it('a second attempt of a reminder already sent stays sent when the role was vacated in between', async () => {
    const input = reminderTo('after');
    await expect(sendNotification()(input)).resolves.toMatchObject({ status: 'already-sent' });
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } })).toMatchObject({ status: 'sent', recipient: NEW_CONTACT });
  });
});

describe('roles the directory cannot answer for', () => {
  it('an organisation the directory does not know keeps the addresses from the launch', async () => {
    const before = capture.messages().length;
    await sendNotification()({
      idempotencyKey: `unknown-${randomUUID()}`,
      workflowId: 'contract-term-legacy',
      kind: 'reminder',
      to: ['inkoop@onbekend.example', 'contract@elders.example'],
      addressedTo: [{ role: 'procurementOfficer', organisation: 'Gemeente Onbekend', stakeholderAddresses: ['inkoop@onbekend.example'] }],
      subject: 'Herinnering',
      text: 'Een taak van de inkoper.',
    });
    expect(capture.messages().slice(before).map((m) => m.envelope.to)).toEqual([['inkoop@onbekend.example']]);
  });

  it('several roles: each holder once, an unknown organisation by its launch addresses, a vacant role left out', async () => {
    await personWithRoles(db.prisma, 'cm@zaanstad.example', [{ role: 'contractManager', organisation: ZAANSTAD }]);
    await personWithRoles(db.prisma, 'Twee.Petten@Zaanstad.example'.toLowerCase(), [
      { role: 'contractManager', organisation: ZAANSTAD },
      { role: 'manager', organisation: ZAANSTAD },
    ]);
    const before = capture.messages().length;
    await sendNotification()({
      idempotencyKey: `several-${randomUUID()}`,
      workflowId: 'contract-term-c-zuid',
      kind: 'status-change',
      to: ['vroeger@zaanstad.example'],
      addressedTo: [
        { role: 'contractManager', organisation: ZAANSTAD, stakeholderAddresses: ['vroeger@zaanstad.example'] },
        { role: 'manager', organisation: ZAANSTAD },
        { role: 'contractContact', organisation: SMD },
        { role: 'director', organisation: 'Onbekende Aanbieder', stakeholderAddresses: ['directie@onbekend.example'] },
      ],
      subject: 'Contract beëindigd',
      text: 'Het contract eindigt.',
    });
    const [mail] = capture.messages().slice(before);
    expect(mail!.envelope.to).toEqual(['cm@zaanstad.example', 'twee.petten@zaanstad.example', 'directie@onbekend.example']);
  });
});
