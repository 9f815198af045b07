/**
 * Through the HTTP API on a real Temporal dev server, with a real database and SMTP server:
 * launch, task lists, completion, refusals, cancellation; rows and emails asserted.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { createDevServerEnv } from '../helpers/temporal';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let zaanstadOfficer: ApiTokenHeaders;
let zaanstadContractManager: ApiTokenHeaders;
let zaanstadManager: ApiTokenHeaders;
let dock: ApiTokenHeaders;

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail }, { logger: false });
  zaanstadOfficer = await apiTokenFor(h.db.prisma, 'Gemeente Zaanstad', ['procurementOfficer'], { label: 'A. Inkoper' });
  zaanstadContractManager = await apiTokenFor(h.db.prisma, 'Gemeente Zaanstad', ['contractManager'], { label: 'C. Manager' });
  zaanstadManager = await apiTokenFor(h.db.prisma, 'Gemeente Zaanstad', ['manager'], { label: 'M. Manager' });
  dock = await apiTokenFor(h.db.prisma, 'DOCK', ['contractContact'], { kind: 'provider', label: 'DOCK contract' });
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

const contractStart = addDaysTo(toIsoDate(new Date()), 450);

/** The launch as a client posts it: who launches comes from the token. */
function launchBody(start = contractStart) {
  const { launchedBy: _launchedBy, ...launch } = zaanstadLaunch(start);
  return launch;
}

async function postAs(url: string, payload: unknown, as: ApiTokenHeaders) {
  const response = await api.inject({ method: 'POST', url, payload: payload as object, headers: { ...as } });
  return { status: response.statusCode, body: response.json() };
}

async function get(url: string, as?: ApiTokenHeaders) {
  const response = await api.inject({ method: 'GET', url, headers: { ...as } });
  return { status: response.statusCode, body: response.json() };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await delay(100);
  }
}

test('launch a tender, work its tasks through the API, and cancel it; rows and emails follow', async () => {
  const post = postAs;
  const launched = await post('/tenders', launchBody(), zaanstadOfficer);
  expect(launched.status).toBe(201);
  const tenderId: string = launched.body.id;
  expect(launched.body.timeline).toMatchObject({ phase: 'currentContractEvaluation', status: 'active', contractStart });
  expect(launched.body.timeline.milestones).toHaveLength(13);

  // Recorded before the API answered.
  const tender = await h.db.prisma.tender.findUnique({ where: { id: tenderId } });
  expect(tender).toMatchObject({ title: 'Sociale Wijkteams Zaanstad 2027', status: 'active', leadOrganisation: 'Gemeente Zaanstad' });
  expect((await get('/tenders', zaanstadOfficer)).body.map((t: { id: string }) => t.id)).toContain(tenderId);
  const launchedEvent = await h.db.prisma.event.findFirst({ where: { tenderId, type: 'tender.launched' } });
  expect(launchedEvent).toMatchObject({ actorRole: 'procurementOfficer', actorOrganisation: 'Gemeente Zaanstad', actorName: 'A. Inkoper', actorPrincipal: 'token:A. Inkoper' });

  const detail = await get(`/tenders/${tenderId}`, zaanstadOfficer);
  expect(detail.status).toBe(200);
  expect(detail.body.timeline.milestones[0]).toMatchObject({ key: 'currentContractEvaluation', owner: { role: 'contractManager', organisation: 'Gemeente Zaanstad' } });

  // The first task reaches its owners' list and mailbox.
  const tasks = await eventually(() => get('/tasks?organisation=Gemeente%20Zaanstad', zaanstadOfficer), (r) => r.body.length === 1);
  expect(tasks.body).toMatchObject([{ kind: 'currentContractEvaluation', role: 'contractManager', status: 'open', overdue: false }]);
  const taskId: string = tasks.body[0].id;
  const assigned = await h.mail.waitFor((m) => m.subject.includes('Nieuwe taak: Evaluatie huidige contract'), 20_000);
  expect(assigned.to).toEqual(['contractmanagement@zaanstad.example']);
  // A provider sees neither the tender nor its tasks; anonymous requests are refused.
  expect((await get('/tasks?organisation=Gemeente%20Zaanstad', dock)).body).toEqual([]);
  expect((await get('/tasks', dock)).body).toEqual([]);
  expect((await get('/tasks')).status).toBe(401);

  // Refusals: another organisation 404, the wrong role 403 naming the role, bad input 400 naming the field,
  // an actor in the body 400, unknown 404; nothing recorded.
  const eventsBefore = await h.db.prisma.event.count({ where: { tenderId } });
  expect((await post(`/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'klaar' }, dock)).status).toBe(404);
  const wrongRole = await post(`/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'klaar' }, zaanstadOfficer);
  expect(wrongRole.status).toBe(403);
  expect(wrongRole.body.message).toBe('Needs the role contractManager or manager in Gemeente Zaanstad');
  const missing = await post(`/tasks/${encodeURIComponent(taskId)}/complete`, {}, zaanstadContractManager);
  expect(missing.status).toBe(400);
  expect(missing.body.issues).toEqual([expect.objectContaining({ field: 'outcome' })]);
  const actorInBody = await post(`/tasks/${encodeURIComponent(taskId)}/complete`, { by: { role: 'contractManager', organisation: 'Gemeente Zaanstad' }, outcome: 'klaar' }, zaanstadContractManager);
  expect(actorInBody.status).toBe(400);
  expect(actorInBody.body.issues).toEqual([expect.objectContaining({ field: 'by', message: expect.stringContaining('sign-in') })]);
  expect((await post('/tasks/nope/complete', { outcome: 'x' }, zaanstadOfficer)).status).toBe(404);
  expect((await get('/tenders/00000000-0000-4000-8000-000000000000', zaanstadOfficer)).status).toBe(404);
  const award = await post(`/tenders/${tenderId}/award`, { lots: [{ lotId: 'noord', provider: 'DOCK', providerEmail: 'contract@dock.example', valueCents: 1 }] }, zaanstadOfficer);
  expect(award.status).toBe(409);
  expect(award.body.message).toMatch(/award decision phase/);
  expect(await h.db.prisma.event.count({ where: { tenderId } })).toBe(eventsBefore);

  // Completing the task moves the tender on and is recorded with who, when and the outcome.
  const done = await post(`/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'Evaluatie vastgesteld', note: 'Zie rapport Significant' }, zaanstadContractManager);
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ id: taskId, status: 'done', outcome: 'Evaluatie vastgesteld' });
  expect(await h.db.prisma.task.findUnique({ where: { id: taskId } })).toMatchObject({
    status: 'done', completedByRole: 'contractManager', completedByName: 'C. Manager', outcome: 'Evaluatie vastgesteld', note: 'Zie rapport Significant',
  });
  expect(await h.db.prisma.event.findFirst({ where: { tenderId, type: 'task.completed' } })).toMatchObject({ actorRole: 'contractManager', actorName: 'C. Manager', actorPrincipal: 'token:C. Manager' });
  expect((await post(`/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'nogmaals' }, zaanstadContractManager)).status).toBe(409);
  const next = await eventually(() => get('/tasks?organisation=Gemeente%20Zaanstad', zaanstadOfficer), (r) => r.body.length === 1 && r.body[0].kind === 'providerInput');
  expect(next.body[0]).toMatchObject({ kind: 'providerInput', role: 'procurementOfficer' });

  // A shift with a reason re-plans; one that breaks a minimum is refused naming the field.
  const providerInputDue: string = next.body[0].dueDate;
  const shifted = await post(`/tenders/${tenderId}/shift`, { stepKey: 'providerInput', newDueDate: addDaysTo(providerInputDue, 7), reason: 'Aanbieders vragen een week extra' }, zaanstadOfficer);
  expect(shifted.status).toBe(200);
  expect(shifted.body.milestones[1]).toMatchObject({ key: 'providerInput', dueDate: addDaysTo(providerInputDue, 7) });
  const tooEarly = await post(`/tenders/${tenderId}/shift`, { stepKey: 'standstill', newDueDate: providerInputDue, reason: 'x' }, zaanstadOfficer);
  expect(tooEarly.status).toBe(400);
  expect(tooEarly.body.issues[0].field).toBe('stepKey');

  // Cancellation with a reason stops everything; the record stays.
  const cancelled = await post(`/tenders/${tenderId}/cancel`, { reason: 'Herijking inkoopstrategie' }, zaanstadManager);
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'Herijking inkoopstrategie' } });
  expect((await post(`/tenders/${tenderId}/cancel`, { reason: 'nogmaals' }, zaanstadManager)).status).toBe(409);
  expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ status: 'cancelled', cancelReason: 'Herijking inkoopstrategie' });
  expect((await get('/tasks?organisation=Gemeente%20Zaanstad', zaanstadOfficer)).body).toEqual([]);
  expect((await get('/tasks?organisation=Gemeente%20Zaanstad&status=cancelled', zaanstadOfficer)).body.map((t: { kind: string }) => t.kind)).toEqual(['providerInput']);
  const events = await h.db.prisma.event.findMany({ where: { tenderId }, orderBy: { occurredAt: 'asc' } });
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['tender.launched', 'task.opened', 'task.completed', 'task.rescheduled', 'tender.deadlineShifted', 'task.cancelled', 'tender.cancelled']));
  expect(events.find((e) => e.type === 'tender.cancelled')).toMatchObject({ actorRole: 'manager', actorOrganisation: 'Gemeente Zaanstad', actorPrincipal: 'token:M. Manager' });
  // Every notification row is one email that arrived.
  const notifications = await h.db.prisma.notification.findMany({ where: { workflowId: launched.body.workflowId } });
  expect(notifications.every((n) => n.status === 'sent')).toBe(true);
  const arrived = await eventually(async () => h.mail.messages().filter((m) => notifications.some((n) => n.messageId === m.messageId)), (m) => m.length === notifications.length);
  expect(arrived).toHaveLength(notifications.length);
});

test('bad launch input is refused with the field and the reason, and starts nothing', async () => {
  const before = await h.db.prisma.tender.count();
  const launch = launchBody();
  const post = (url: string, payload: unknown) => postAs(url, payload, zaanstadOfficer);

  const badEmail = await post('/tenders', { ...launch, stakeholders: [{ ...launch.stakeholders[0], email: 'geen-adres' }, ...launch.stakeholders.slice(1)] });
  expect(badEmail.status).toBe(400);
  expect(badEmail.body.issues).toEqual([expect.objectContaining({ field: 'stakeholders.0.email' })]);

  const tooSoon = await post('/tenders', { ...launch, contractStart: addDaysTo(toIsoDate(new Date()), 30) });
  expect(tooSoon.status).toBe(400);
  expect(tooSoon.body.issues[0].field).toBe('contractStart');
  expect(tooSoon.body.message).toMatch(/does not fit by \d+ days/);

  const noManager = await post('/tenders', { ...launch, stakeholders: launch.stakeholders.filter((s) => s.role !== 'manager') });
  expect(noManager.status).toBe(400);
  expect(noManager.body.issues[0]).toMatchObject({ field: 'stakeholders', message: expect.stringContaining('manager') });

  const badMoney = await post('/tenders', { ...launch, estimatedValueCents: 12.5 });
  expect(badMoney.status).toBe(400);
  expect(badMoney.body.issues[0].field).toBe('estimatedValueCents');

  // Above the EU threshold (Delegated Regulation (EU) 2025/2152) a national procedure is refused: choose the European route.
  const national = await post('/tenders', { ...launch, procurementForm: 'national', estimatedValueCents: 200_000_00, termYears: 4, extensionOptions: { count: 1, monthsEach: 12 } });
  expect(national.status).toBe(400);
  expect(national.body.issues[0]).toMatchObject({ field: 'procurementForm', message: expect.stringContaining('Gedelegeerde Verordening (EU) 2025/2152') });
  // A European procedure may not have a shorter standstill than Aw 2012 art. 2.127 lid 3.
  const shortStandstill = await post('/tenders', { ...launch, procurementForm: 'europeanOpen', standstillDays: 10 });
  expect(shortStandstill.status).toBe(400);
  expect(shortStandstill.body.issues[0]).toMatchObject({ field: 'standstillDays', message: expect.stringContaining('art. 2.127 lid 3') });

  const launchedBy = await post('/tenders', { ...launch, launchedBy: { role: 'manager', organisation: 'Gemeente Zaanstad' } });
  expect(launchedBy.status).toBe(400);
  expect(launchedBy.body.issues[0]).toMatchObject({ field: 'launchedBy', message: expect.stringContaining('sign-in') });
  // Launching needs a procurement officer or manager of the lead organisation.
  const byContractManager = await postAs('/tenders', launch, zaanstadContractManager);
  expect(byContractManager.status).toBe(403);
  expect(byContractManager.body.message).toBe('Needs the role procurementOfficer or manager in Gemeente Zaanstad');
  expect((await postAs('/tenders', launch, dock)).status).toBe(403);
  expect((await api.inject({ method: 'POST', url: '/tenders', payload: launch })).statusCode).toBe(401);

  expect(await h.db.prisma.tender.count()).toBe(before);
});

test('a shift that would shorten the open procedure\'s tender period is refused with 400 on newDueDate, naming Aw 2012 art. 2.71', async () => {
  const post = (url: string, payload: unknown) => postAs(url, payload, zaanstadOfficer);
  const launched = await post('/tenders', { ...launchBody(), procurementForm: 'europeanOpen' });
  expect(launched.status).toBe(201);
  const due = (key: string) => launched.body.timeline.milestones.find((m: { key: string }) => m.key === key).dueDate as string;
  const shorter = await post(`/tenders/${launched.body.id}/shift`, { stepKey: 'submissionDeadline', newDueDate: addDaysTo(due('publication'), 39), reason: 'sneller gunnen' });
  expect(shorter.status).toBe(400);
  expect(shorter.body.issues).toEqual([{ field: 'newDueDate', message: expect.stringContaining('Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a') }]);
  const allowed = await post(`/tenders/${launched.body.id}/shift`, { stepKey: 'submissionDeadline', newDueDate: addDaysTo(due('publication'), 40), reason: 'sneller gunnen' });
  expect(allowed.status).toBe(200);
  expect(allowed.body.milestones.find((m: { key: string }) => m.key === 'submissionDeadline').dueDate).toBe(addDaysTo(due('publication'), 40));
  expect((await post(`/tenders/${launched.body.id}/cancel`, { reason: 'Test afgerond' })).status).toBe(200);
});

test('serves its OpenAPI document and docs page', async () => {
  const spec = await get('/openapi.json');
  expect(spec.status).toBe(200);
  expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/tenders', '/tenders/{tenderId}', '/tasks', '/tasks/{taskId}/complete', '/tenders/{tenderId}/award']));
  expect(spec.body.paths['/tenders'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['title', 'lots', 'contractStart']));
  const docs = await api.inject({ method: 'GET', url: '/docs/' });
  expect(docs.statusCode).toBe(200);
  expect(docs.body).toContain('swagger');
});
