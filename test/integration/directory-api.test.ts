/**
 * The role directory's API on a real database: an organisation's administrator keeps its own people and
 * assignments, its other staff read them, anyone else is told the organisation does not exist. These
 * routes read and write PostgreSQL only, so the Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo } from '../../domain/dates';
import { directoryDay } from '../../domain/directory';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor, type ApiTokenHeaders } from '../helpers/principals';

const ZAANSTAD = 'Gemeente Zaanstad';
const PURMEREND = 'Gemeente Purmerend';
const SMD = 'SMD';
const today = directoryDay(new Date());

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let zaanstadAdmin: ApiTokenHeaders;
let zaanstadContractManager: ApiTokenHeaders;
let purmerendAdmin: ApiTokenHeaders;
let smdAdmin: ApiTokenHeaders;

beforeAll(async () => {
  db = await createTestDatabase();
  temporal = new Client();
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  zaanstadAdmin = await apiTokenFor(db.prisma, ZAANSTAD, ['administrator']);
  zaanstadContractManager = await apiTokenFor(db.prisma, ZAANSTAD, ['contractManager']);
  purmerendAdmin = await apiTokenFor(db.prisma, PURMEREND, ['administrator']);
  smdAdmin = await apiTokenFor(db.prisma, SMD, ['administrator'], { kind: 'provider' });
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await db?.drop();
});

const assignmentsUrl = (organisation: string) => `/organisations/${encodeURIComponent(organisation)}/assignments`;

async function call(method: 'GET' | 'POST', url: string, headers: ApiTokenHeaders | Record<string, never>, payload?: unknown) {
  const response = await api.inject({ method, url, headers: { ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> & { assignments?: Record<string, unknown>[]; issues?: { field: string; message: string }[] } };
}

describe('keeping the directory', () => {
  let assignmentId: string;

  it("the administrator assigns a role to a new person: the person is made, lower case, from today, open-ended, made by the administrator's token", async () => {
    const { status, body } = await call('POST', assignmentsUrl(ZAANSTAD), zaanstadAdmin, { email: 'K.de.Vries@Zaanstad.example', name: 'K. de Vries', role: 'contractManager' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      person: { email: 'k.de.vries@zaanstad.example', name: 'K. de Vries' },
      role: 'contractManager',
      roleLabel: 'contractmanager',
      validFrom: today,
      validUntil: null,
      current: true,
      createdBy: 'token:test administrator',
    });
    assignmentId = body.id as string;
    expect(await db.prisma.person.count({ where: { email: 'k.de.vries@zaanstad.example' } })).toBe(1);
  });

  it("lists the organisation's assignments, current and past, for its administrator (who may edit) and its other staff (who may not)", async () => {
    await call('POST', assignmentsUrl(ZAANSTAD), zaanstadAdmin, { email: 'oud@zaanstad.example', role: 'manager', validFrom: '2020-01-01', validUntil: '2024-12-31' });
    const asAdmin = await call('GET', assignmentsUrl(ZAANSTAD), zaanstadAdmin);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ organisation: { id: ZAANSTAD, kind: 'municipality', actsFor: [] }, mayEdit: true, asOf: today });
    expect(asAdmin.body.roles).toContain('contractManager');
    expect(asAdmin.body.roles).not.toContain('contractContact');
    expect(asAdmin.body.assignments!.map((a) => [(a.person as { email: string }).email, a.role, a.current])).toEqual([
      ['k.de.vries@zaanstad.example', 'contractManager', true],
      ['oud@zaanstad.example', 'manager', false],
    ]);
    const asStaff = await call('GET', assignmentsUrl(ZAANSTAD), zaanstadContractManager);
    expect(asStaff.status).toBe(200);
    expect(asStaff.body).toMatchObject({ mayEdit: false });
    expect(asStaff.body.assignments).toHaveLength(2);
  });

  it('ends an assignment on a day (inclusive); not later than it already ends, not before the day before it started', async () => {
    const tooEarly = await call('POST', `${assignmentsUrl(ZAANSTAD)}/${assignmentId}/end`, zaanstadAdmin, { validUntil: addDaysTo(today, -2) });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.issues).toEqual([{ field: 'validUntil', message: `must be on or after the day before validFrom (${addDaysTo(today, -1)})` }]);
    const ended = await call('POST', `${assignmentsUrl(ZAANSTAD)}/${assignmentId}/end`, zaanstadAdmin, { validUntil: addDaysTo(today, 30) });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: assignmentId, validUntil: addDaysTo(today, 30), current: true });
    const later = await call('POST', `${assignmentsUrl(ZAANSTAD)}/${assignmentId}/end`, zaanstadAdmin, { validUntil: addDaysTo(today, 31) });
    expect(later.status).toBe(400);
    expect(later.body.issues).toEqual([{ field: 'validUntil', message: `the assignment already ends on ${addDaysTo(today, 30)}` }]);
  });

  it('reassigns from a day: the old holder until the day before, the new one until the old one would have ended', async () => {
    const from = addDaysTo(today, 10);
    const { status, body } = await call('POST', `${assignmentsUrl(ZAANSTAD)}/${assignmentId}/reassign`, zaanstadAdmin, { email: 'opvolger@zaanstad.example', name: 'O. Opvolger', from });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ended: { id: assignmentId, validUntil: addDaysTo(from, -1), current: true },
      started: { person: { email: 'opvolger@zaanstad.example', name: 'O. Opvolger' }, role: 'contractManager', validFrom: from, validUntil: addDaysTo(today, 30), current: false },
    });
  });

  it('refuses a second assignment of the same role to the same person on overlapping days (409)', async () => {
    const { status, body } = await call('POST', assignmentsUrl(ZAANSTAD), zaanstadAdmin, { email: 'opvolger@zaanstad.example', role: 'contractManager', validFrom: addDaysTo(today, 20) });
    expect(status).toBe(409);
    expect(body.message).toBe(`This person already holds contractManager in ${ZAANSTAD} from ${addDaysTo(today, 10)} until ${addDaysTo(today, 30)}`);
  });
});

describe('bad input is refused naming the field', () => {
  it('a role that does not fit the organisation', async () => {
    const { status, body } = await call('POST', assignmentsUrl(ZAANSTAD), zaanstadAdmin, { email: 'x@zaanstad.example', role: 'contractContact' });
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ field: 'role', message: expect.stringMatching(/^contractContact is not a role of a municipality/) }]);
    const provider = await call('POST', assignmentsUrl(SMD), smdAdmin, { email: 'x@smd.example', role: 'contractManager' });
    expect(provider.status).toBe(400);
    expect(provider.body.issues).toEqual([{ field: 'role', message: expect.stringMatching(/^contractManager is not a role of a provider/) }]);
  });

  it('an end before the start, an invalid address, an unknown role, an unknown field', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'x@zaanstad.example', role: 'manager', validFrom: '2027-02-01', validUntil: '2027-01-31' }, 'validUntil'],
      [{ email: 'geen-adres', role: 'manager' }, 'email'],
      [{ email: 'x@zaanstad.example', role: 'manager', validFrom: '0000-01-01' }, 'validFrom'],
      [{ email: 'x@zaanstad.example', role: 'manager', validFrom: '2027-02-30' }, 'validFrom'],
      [{ email: 'x@zaanstad.example', role: 'wizard' }, 'role'],
      [{ email: 'x@zaanstad.example', role: 'manager', createdBy: 'launch' }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const { status, body } = await call('POST', assignmentsUrl(ZAANSTAD), zaanstadAdmin, payload);
      expect({ payload, status }).toEqual({ payload, status: 400 });
      expect(body.issues!.map((i) => i.field)).toContain(field);
    }
    expect(await db.prisma.person.count({ where: { email: 'x@zaanstad.example' } })).toBe(0);
  });

  it('a reassignment to the person who already holds it', async () => {
    const created = await call('POST', assignmentsUrl(ZAANSTAD), zaanstadAdmin, { email: 'zelf@zaanstad.example', role: 'chainCoordinator' });
    const { status, body } = await call('POST', `${assignmentsUrl(ZAANSTAD)}/${created.body.id as string}/reassign`, zaanstadAdmin, { email: 'Zelf@Zaanstad.example', from: addDaysTo(today, 1) });
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ field: 'email', message: 'already holds this assignment: end it or change its dates instead' }]);
  });
});

describe('refusals do not reveal whether an organisation or assignment exists', () => {
  const missing = { statusCode: 404, error: 'Not Found' };

  it('another organisation reads and writes nothing: the same 404 as an organisation that does not exist', async () => {
    const other = await call('GET', assignmentsUrl(ZAANSTAD), purmerendAdmin);
    const none = await call('GET', assignmentsUrl('Gemeente Nergens'), purmerendAdmin);
    expect(other).toEqual({ status: 404, body: { ...missing, message: `No organisation ${ZAANSTAD}` } });
    expect(none).toEqual({ status: 404, body: { ...missing, message: 'No organisation Gemeente Nergens' } });
    const write = await call('POST', assignmentsUrl(ZAANSTAD), purmerendAdmin, { email: 'indringer@purmerend.example', role: 'administrator' });
    expect(write).toEqual({ status: 404, body: { ...missing, message: `No organisation ${ZAANSTAD}` } });
    expect(await db.prisma.person.count({ where: { email: 'indringer@purmerend.example' } })).toBe(0);
  });

  it("the organisation's own staff who are not its administrator may read but not write (404, as a stranger)", async () => {
    const write = await call('POST', assignmentsUrl(ZAANSTAD), zaanstadContractManager, { email: 'nieuw@zaanstad.example', role: 'manager' });
    expect(write).toEqual({ status: 404, body: { ...missing, message: `No organisation ${ZAANSTAD}` } });
  });

  it("an assignment of another organisation is missing, even to an administrator who names it under their own", async () => {
    const smdContact = await call('POST', assignmentsUrl(SMD), smdAdmin, { email: 'contact@smd.example', role: 'contractContact' });
    expect(smdContact.status).toBe(201);
    const end = await call('POST', `${assignmentsUrl(ZAANSTAD)}/${smdContact.body.id as string}/end`, zaanstadAdmin, { validUntil: today });
    expect(end).toEqual({ status: 404, body: { ...missing, message: `No assignment ${smdContact.body.id as string} in ${ZAANSTAD}` } });
    const direct = await call('POST', `${assignmentsUrl(SMD)}/${smdContact.body.id as string}/end`, zaanstadAdmin, { validUntil: today });
    expect(direct).toEqual({ status: 404, body: { ...missing, message: `No organisation ${SMD}` } });
  });

  it('without a principal: 401', async () => {
    const response = await call('GET', assignmentsUrl(ZAANSTAD), {});
    expect(response.status).toBe(401);
  });
});
