/**
 * Calendar feeds through the HTTP API on a real database: a signed-in person makes a secret feed URL,
 * a calendar fetches it without a session and finds (parsed with ical.js) the deadlines of the roles the
 * person holds today and their accountability conversations, and nothing of another person's roles;
 * a revoked or unknown feed answers 404. The Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { buildApi } from '../../api/server';
import { conversationUid, deadlineUid } from '../../domain/calendar-feed';
import { addDaysTo, toUtcDate } from '../../domain/dates';
import { directoryDay } from '../../domain/directory';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor } from '../helpers/principals';
import { personWithRoles, sessionFor } from '../helpers/sessions';

const ZAANSTAD = 'Gemeente Zaanstad';
const SMD = 'SMD';
const DOCK = 'DOCK';
const today = directoryDay(new Date());
const PUBLIC_URL = 'https://regie.zaanstad.example';

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let contact: { id: string };
let contractManager: { id: string };

async function seed(prisma: TestDatabase['prisma']): Promise<void> {
  contact = await personWithRoles(prisma, 'contact@smd.example', [{ role: 'contractContact', organisation: SMD, kind: 'provider' }], { name: 'J. Jansen' });
  contractManager = await personWithRoles(prisma, 'cm@zaanstad.example', [{ role: 'contractManager', organisation: ZAANSTAD }]);
  // DOCK's contact: their tasks must not show in SMD's contact's feed.
  await personWithRoles(prisma, 'contact@dock.example', [{ role: 'contractContact', organisation: DOCK, kind: 'provider' }]);
  await prisma.tender.create({
    data: {
      id: 'tender-zaanstad',
      workflowId: 'tender-zaanstad',
      title: 'Sociale Wijkteams Zaanstad 2027',
      procurementForm: 'socialServicesLightRegime',
      leadOrganisation: ZAANSTAD,
      estimatedValueCents: 1n,
      contractStart: toUtcDate('2027-01-01'),
      termYears: 8,
      phase: 'completed',
      status: 'completed',
      launch: {},
      launchedAt: new Date(),
    },
  });
  for (const [id, provider] of [
    ['c-zuid', SMD],
    ['c-noord', DOCK],
  ] as const) {
    await prisma.contract.create({
      data: {
        id,
        workflowId: `contract-term-${id}`,
        tenderId: 'tender-zaanstad',
        lotId: id,
        lotTitle: id === 'c-zuid' ? 'Zaanstad Zuid' : 'Zaanstad Noord',
        commissioner: ZAANSTAD,
        commissioners: [ZAANSTAD],
        provider,
        valueCents: 1n,
        startDate: toUtcDate('2027-01-01'),
        endDate: toUtcDate('2034-12-31'),
        status: 'active',
        terms: {},
      },
    });
  }
  const task = (id: string, contractId: string, kind: string, role: string, organisation: string, due: number, status = 'open') => ({
    id,
    workflowId: `accountability-${contractId}-1`,
    contractId,
    kind,
    title: `${kind} ${contractId}`,
    role,
    organisation,
    commissioner: ZAANSTAD,
    provider: contractId === 'c-zuid' ? SMD : DOCK,
    dueDate: toUtcDate(addDaysTo(today, due)),
    status,
    openedAt: new Date(),
  });
  await prisma.task.createMany({
    data: [
      task('c-zuid:accountabilityReport:p1', 'c-zuid', 'accountabilityReport', 'contractContact', SMD, 10),
      task('c-zuid:followUpAction:p1:1', 'c-zuid', 'followUpAction', 'contractContact', SMD, 20, 'done'),
      task('c-zuid:accountabilityConversation:p1', 'c-zuid', 'accountabilityConversation', 'contractManager', ZAANSTAD, 30),
      task('c-noord:accountabilityReport:p1', 'c-noord', 'accountabilityReport', 'contractContact', DOCK, 5),
      task('c-noord:accountabilityConversation:p1', 'c-noord', 'accountabilityConversation', 'contractManager', ZAANSTAD, 35),
    ],
  });
  const planned = (contractId: string, startsAt: string) => ({
    id: `${contractId}-conversation-planned`,
    workflowId: `accountability-${contractId}-1`,
    contractId,
    type: 'accountability.conversationPlanned',
    data: { taskId: `${contractId}:accountabilityConversation:p1`, date: startsAt.slice(0, 10), startsAt, attendees: [] },
    occurredAt: new Date(),
  });
  await prisma.event.createMany({ data: [planned('c-zuid', `${addDaysTo(today, 28)}T08:00:00.000Z`), planned('c-noord', `${addDaysTo(today, 33)}T08:00:00.000Z`)] });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma);
  temporal = new Client();
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused', publicUrl: PUBLIC_URL }, { logger: false });
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await db?.drop();
});

async function newFeed(personId: string): Promise<{ id: string; url: string }> {
  const response = await api.inject({ method: 'POST', url: '/me/calendar-feeds', headers: await sessionFor(api, db.prisma, personId) });
  expect(response.statusCode).toBe(201);
  return response.json();
}

/** Fetches a feed as a calendar would: no session, only its URL. */
async function fetchFeed(url: string) {
  const response = await api.inject({ method: 'GET', url: new URL(url).pathname });
  if (response.statusCode !== 200) return { status: response.statusCode, events: [] };
  const calendar = new ICAL.Component(ICAL.parse(response.body));
  return {
    status: 200,
    contentType: response.headers['content-type'],
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)),
  };
}

describe('a person\'s calendar feed', () => {
  it("holds a provider contact's open deadlines as all-day events and their conversation at its time; nothing of another provider", async () => {
    const { url } = await newFeed(contact.id);
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/regie_ics_[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.contentType).toBe('text/calendar; charset=utf-8');
    expect(feed.calendar!.getFirstPropertyValue('x-wr-calname')).toBe('regie: J. Jansen');
    expect(feed.events.map((e) => e.uid)).toEqual([deadlineUid('c-zuid:accountabilityReport:p1'), conversationUid('c-zuid:accountabilityConversation:p1')]);
    const [deadline, conversation] = feed.events;
    expect(deadline!.startDate.isDate).toBe(true);
    expect(deadline!.startDate.toString()).toBe(addDaysTo(today, 10));
    expect(deadline!.summary).toBe('Deadline: accountabilityReport c-zuid');
    expect(deadline!.description).toContain('Sociale Wijkteams Zaanstad 2027, perceel Zaanstad Zuid');
    expect(deadline!.component.getFirstPropertyValue('url')).toBe(`${PUBLIC_URL}/taken/c-zuid%3AaccountabilityReport%3Ap1`);
    expect(conversation!.startDate.toJSDate().toISOString()).toBe(`${addDaysTo(today, 28)}T08:00:00.000Z`);
    expect(conversation!.endDate.toJSDate().toISOString()).toBe(`${addDaysTo(today, 28)}T09:30:00.000Z`);
  });

  it("holds the contract manager's conversations on every contract, and the conversation task's deadline", async () => {
    const feed = await fetchFeed((await newFeed(contractManager.id)).url);
    expect(feed.events.map((e) => e.uid).sort()).toEqual(
      [
        deadlineUid('c-zuid:accountabilityConversation:p1'),
        deadlineUid('c-noord:accountabilityConversation:p1'),
        conversationUid('c-zuid:accountabilityConversation:p1'),
        conversationUid('c-noord:accountabilityConversation:p1'),
      ].sort(),
    );
  });

  it("follows the roles held today: once the contact's assignment ends, the feed empties (the URL still answers)", async () => {
    const person = await personWithRoles(db.prisma, 'vertrekt@smd.example', [{ role: 'contractContact', organisation: SMD, kind: 'provider', validUntil: addDaysTo(today, -1) }]);
    const feed = await fetchFeed((await newFeed(person.id)).url);
    expect(feed.status).toBe(200);
    expect(feed.events).toHaveLength(0);
  });

  it('lists my feeds without their secrets, and revokes one: its URL answers 404 from then on', async () => {
    const { id, url } = await newFeed(contact.id);
    const headers = await sessionFor(api, db.prisma, contact.id);
    const listed = await api.inject({ method: 'GET', url: '/me/calendar-feeds', headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('regie_ics_');
    expect((listed.json() as { id: string; revokedAt: null }[]).find((f) => f.id === id)).toEqual({ id, createdAt: expect.any(String), revokedAt: null });

    const revoked = await api.inject({ method: 'POST', url: `/me/calendar-feeds/${id}/revoke`, headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, revokedAt: expect.any(String) });
    expect((await fetchFeed(url)).status).toBe(404);
  });

  it("another person cannot revoke my feed (404, as a missing one), an API token has no feeds, a stranger needs to sign in", async () => {
    const { id, url } = await newFeed(contact.id);
    const other = await api.inject({ method: 'POST', url: `/me/calendar-feeds/${id}/revoke`, headers: await sessionFor(api, db.prisma, contractManager.id) });
    const missing = await api.inject({ method: 'POST', url: '/me/calendar-feeds/00000000-0000-4000-8000-000000000000/revoke', headers: await sessionFor(api, db.prisma, contractManager.id) });
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect((await fetchFeed(url)).status).toBe(200);

    const token = await apiTokenFor(db.prisma, SMD, ['contractContact'], { kind: 'provider' });
    expect((await api.inject({ method: 'POST', url: '/me/calendar-feeds', headers: { ...token } })).statusCode).toBe(403);
    expect((await api.inject({ method: 'GET', url: '/me/calendar-feeds' })).statusCode).toBe(401);
  });

  it('an unknown, malformed or extension-less token is 404', async () => {
    const { url } = await newFeed(contact.id);
    const path = new URL(url).pathname;
    for (const wrong of ['/calendar/regie_ics_' + 'A'.repeat(43) + '.ics', '/calendar/not-a-token.ics', path.replace(/\.ics$/, ''), path.replace(/\.ics$/, '.json')]) {
      expect({ wrong, status: (await api.inject({ method: 'GET', url: wrong })).statusCode }).toEqual({ wrong, status: 404 });
    }
  });
});
