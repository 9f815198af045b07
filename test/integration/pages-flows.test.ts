/**
 * The pages on the real workflows (a Temporal dev server, the regie worker, PostgreSQL): a tender launched
 * through the form and shown with its timeline, a refused action shown next to its field; a running
 * contract term drawn as a picture with the same items in a table, its decision forms for the
 * commissioner only, their errors next to their fields; a provider's accountability report submitted
 * through its page and recorded by the workflow.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, addMonthsTo, toIsoDate } from '../../domain/dates';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { createDevServerEnv } from '../helpers/temporal';
import { fieldError, tableRows } from '../helpers/page-html';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let officer: ApiTokenHeaders;
let contractManager: ApiTokenHeaders;
let dock: ApiTokenHeaders;
let smd: ApiTokenHeaders;

const today = toIsoDate(new Date());
const ZAANSTAD = 'Gemeente Zaanstad';

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail }, { logger: false });
  officer = await apiTokenFor(h.db.prisma, ZAANSTAD, ['procurementOfficer'], { label: 'A. Inkoper' });
  contractManager = await apiTokenFor(h.db.prisma, ZAANSTAD, ['contractManager'], { label: 'C. Manager' });
  dock = await apiTokenFor(h.db.prisma, 'DOCK', ['contractContact'], { kind: 'provider', label: 'DOCK contract' });
  smd = await apiTokenFor(h.db.prisma, 'SMD', ['contractContact'], { kind: 'provider', label: 'SMD contract' });
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

const get = (url: string, as: ApiTokenHeaders) => api.inject({ method: 'GET', url, headers: { ...as } });
const post = (url: string, as: ApiTokenHeaders, form: Record<string, string>) =>
  api.inject({ method: 'POST', url, headers: { ...as, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await delay(100);
  }
}

test('a tender launched through the form: redirected to its page, timeline shown; an objection or award before its phase refused next to its field; a shift moves the milestone', async () => {
  const launched = await post('/aanbestedingen/nieuw', officer, {
    actie: 'starten',
    title: 'Sociale Wijkteams Zaanstad 2029',
    commissioner: ZAANSTAD,
    procurementForm: 'socialServicesLightRegime',
    estimatedValue: '96.000.000',
    contractStart: addDaysTo(today, 450),
    electronicSubmission: 'ja',
    documentsElectronicallyAvailable: 'ja',
    standstillDays: '20',
    termYears: '8',
    extensionCount: '2',
    extensionMonths: '24',
    accountabilityCadence: 'quarterly',
    lots: 'noord; Zaanstad Noord; Krommenie\nzuid; Zaanstad Zuid; Poelenburg',
    stakeholders: [`procurementOfficer; ${ZAANSTAD}; inkoop@zaanstad.example`, `contractManager; ${ZAANSTAD}; contract@zaanstad.example`, `college; ${ZAANSTAD}; college@zaanstad.example`, `manager; ${ZAANSTAD}; manager@zaanstad.example`].join('\n'),
    kpis: 'Bereik; inwoners gesproken binnen 5 werkdagen; meetbaar\nErvaren regie; het verhaal van inwoners; verhaal',
  });
  expect(launched.statusCode).toBe(303);
  const location = String(launched.headers.location);
  expect(location).toMatch(/^\/aanbestedingen\/[0-9a-f-]{36}\?gestart=1$/);
  const tenderId = location.slice('/aanbestedingen/'.length, location.indexOf('?'));
  expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ title: 'Sociale Wijkteams Zaanstad 2029', leadOrganisation: ZAANSTAD });

  const page = await get(location, officer);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('De aanbesteding is gestart.');
  const steps = tableRows(page.body);
  expect(steps).toHaveLength(13);
  expect(steps[0]).toEqual(['Evaluatie huidige contract', 'contractmanager, Gemeente Zaanstad', expect.any(String), expect.stringMatching(/^(Gepland|Open)$/)]);
  expect(steps.find((s) => s[0] === 'Publicatie (TenderNed)')?.[1]).toBe('inkoper, Gemeente Zaanstad');

  const objection = await post(`/aanbestedingen/${tenderId}/bezwaar`, officer, { objectionLot: '', objectionReason: 'Beoordeling niet navolgbaar' });
  expect(objection.statusCode).toBe(400);
  expect(fieldError(objection.body, 'objectionLot') ?? fieldError(objection.body, 'objectionReason')).toBeTruthy();
  expect(objection.body).toContain('>Beoordeling niet navolgbaar</textarea>');

  // An award before the award decision phase: refused by the workflow, shown next to the lots.
  const award = await post(`/aanbestedingen/${tenderId}/gunning`, officer, { awardLots: 'noord; DOCK; contract@dock.example; 32.000.000' });
  expect(award.statusCode).toBe(400);
  expect(fieldError(award.body, 'awardLots')).toMatch(/award decision phase/);

  // A shift through the form moves the milestone in the workflow; the page says it worked.
  const before = (await api.inject({ method: 'GET', url: `/tenders/${tenderId}`, headers: { ...officer } })).json() as { timeline: { milestones: { key: string; dueDate: string }[] } };
  const consultation = before.timeline.milestones.find((m) => m.key === 'marketConsultation')!;
  const later = addDaysTo(consultation.dueDate, 7);
  const shifted = await post(`/aanbestedingen/${tenderId}/verschuiving`, officer, { shiftStep: 'marketConsultation', shiftDate: later, shiftReason: 'Marktpartijen vragen een week extra' });
  expect({ status: shifted.statusCode, location: shifted.headers.location }).toEqual({ status: 303, location: `/aanbestedingen/${tenderId}?gelukt=shift` });
  const after = (await api.inject({ method: 'GET', url: `/tenders/${tenderId}`, headers: { ...officer } })).json() as typeof before;
  expect(after.timeline.milestones.find((m) => m.key === 'marketConsultation')?.dueDate).toBe(later);

  expect((await get(`/aanbestedingen/${tenderId}`, dock)).statusCode).toBe(404);
});

test("a running contract's term as a picture and a table; decisions for the commissioner, errors next to their fields; nothing for another provider", async () => {
  // Started a quarter and a day ago: the first period's report is open now.
  const input = zaanstadContract(addDaysTo(addMonthsTo(today, -3), -1));
  await h.db.prisma.contract.create({ data: { ...contractRow(input), status: 'active', terms: input.terms } });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  const url = `/contracten/${input.contractId}`;

  const page = await eventually(() => get(url, dock), (r) => r.statusCode === 200);
  expect(page.statusCode).toBe(200);
  expect(page.body).toMatch(/<svg [^>]*role="img"/);
  expect(page.body.match(/data-testid="extension-option"/g)).toHaveLength(2);
  expect(page.body.match(/data-testid="accountability-period"/g)).toHaveLength(32);
  expect(page.body).toContain('data-testid="midterm-marker"');
  expect(page.body).toContain('data-testid="notice-marker"');
  expect(page.body).toContain(`href="${url}/aanvullende-opdrachten"`);
  const items = tableRows(page.body);
  expect(items.length).toBe(page.body.match(/data-testid="term-item"/g)!.length);
  expect(items.filter((r) => r[0] === 'Verantwoordingsrapportage opdrachtnemer')).toHaveLength(32);
  expect(page.body).not.toContain('action="' + url + '/einde-looptijd"');

  expect((await get(url, smd)).statusCode).toBe(404);

  const managerPage = await get(url, contractManager);
  expect(managerPage.body).toContain(`action="${url}/tussentijdse-evaluatie"`);
  expect(managerPage.body).toContain(`action="${url}/einde-looptijd"`);
  const noMonths = await post(`${url}/einde-looptijd`, contractManager, { endDecision: 'extend', extensionMonths: '', endReason: 'Goede resultaten' });
  expect(noMonths.statusCode).toBe(400);
  expect(fieldError(noMonths.body, 'extensionMonths')).toBe('an extension needs its length in months');
  const noAddendum = await post(`${url}/tussentijdse-evaluatie`, contractManager, { midtermDecision: 'revise', midtermRationale: 'Meer preventie nodig' });
  expect(noAddendum.statusCode).toBe(400);
  expect(fieldError(noAddendum.body, 'revisionDescription')).toBeTruthy();
});

test("a provider submits its accountability report through the task page; the workflow records it and the task leaves 'my tasks'", async () => {
  const input = zaanstadContract(addDaysTo(addMonthsTo(today, -3), -1));
  await h.db.prisma.contract.create({ data: { ...contractRow(input), status: 'active', terms: input.terms } });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  const report = await eventually(
    () => h.db.prisma.task.findFirst({ where: { contractId: input.contractId, kind: 'accountabilityReport', status: 'open' } }),
    (row) => row !== null,
    30_000,
  );
  expect(report).not.toBeNull();
  const mine = await get('/mijn-taken', dock);
  expect(mine.body).toContain(`href="/taken/${encodeURIComponent(report!.id)}"`);

  const form = await get(`/taken/${encodeURIComponent(report!.id)}`, dock);
  expect(form.body).toMatch(/for="veld-kpi-1">Cijfer: Bereik</);
  expect(form.body).toMatch(/for="veld-kpi-2">Verhaal: Ervaren regie</);

  const submitted = await post(`/taken/${encodeURIComponent(report!.id)}`, dock, {
    summary: 'Eerste kwartaal: opbouw van de teams',
    'kpi-1': '87,5',
    'kpi-2': 'Inwoners vertellen dat ze sneller geholpen worden',
    attachments: 'https://dock.example/rapportages/q1.pdf',
  });
  // The page's text comes along when it is not the redirect, so a failure says what the page said.
  expect({ status: submitted.statusCode, location: submitted.headers.location, page: submitted.statusCode === 303 ? '' : submitted.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 1500) }).toEqual({
    status: 303,
    location: '/mijn-taken?afgerond=1',
    page: '',
  });
  const done = await eventually(() => h.db.prisma.task.findUnique({ where: { id: report!.id } }), (row) => row?.status === 'done');
  expect(done).toMatchObject({ status: 'done', outcome: 'Rapportage ingediend', completedByOrganisation: 'DOCK' });
  expect(done!.note).toContain('- Bereik: 87.5');
  expect(done!.note).toContain('- https://dock.example/rapportages/q1.pdf');
  expect((await get('/mijn-taken?afgerond=1', dock)).body).not.toContain(`href="/taken/${encodeURIComponent(report!.id)}"`);
});
