/**
 * The pages of each role on rows seeded straight into an isolated database: a provider's own tasks and
 * the accountability report form, the managers' overdue overview with its filters, the tender list and
 * the launch form (legal periods, plan preview, errors next to their fields), the role directory, and the
 * refusals: anonymous visitors are sent to sign in, another organisation's contract or task is "not
 * found" exactly as a missing one. These pages read PostgreSQL only here: the Temporal client stays
 * unconnected (every form below is refused before anything would reach a workflow).
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate, toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor, type ApiTokenHeaders } from '../helpers/principals';
import { fieldError, tableRows } from '../helpers/page-html';

let db: TestDatabase;
let api: FastifyInstance;
let dock: ApiTokenHeaders;
let ldh: ApiTokenHeaders;
let zaanstadManager: ApiTokenHeaders;
let zaanstadOfficer: ApiTokenHeaders;
let zaanstadAdmin: ApiTokenHeaders;

const today = toIsoDate(new Date());
const ZAANSTAD = 'Gemeente Zaanstad';
const PURMEREND = 'Gemeente Purmerend';
const DOCK = 'DOCK';
const LDH = 'Leger des Heils';

const kpis = [
  { name: 'Bereik', definition: 'Aantal huishoudens met hulp', measurable: true },
  { name: 'Tevredenheid', definition: 'Wat bewoners vertellen', measurable: false },
];

const contracts = [
  { id: 'c-noord', lotId: 'noord', lotTitle: 'Wijkteam Noord', commissioner: ZAANSTAD, provider: DOCK },
  { id: 'c-zuid', lotId: 'zuid', lotTitle: 'Wijkteam Zuid', commissioner: ZAANSTAD, provider: LDH },
  { id: 'c-jeugd', lotId: 'jeugd', lotTitle: 'Jeugdhulp ambulant', commissioner: PURMEREND, provider: DOCK },
];

const tasks = [
  { id: 't-report-noord', contractId: 'c-noord', kind: 'accountabilityReport', role: 'contractContact', organisation: DOCK, due: -10 },
  { id: 't-followup-jeugd', contractId: 'c-jeugd', kind: 'followUpAction', role: 'contractContact', organisation: DOCK, due: 7 },
  { id: 't-report-jeugd', contractId: 'c-jeugd', kind: 'accountabilityReport', role: 'contractContact', organisation: DOCK, due: -2 },
  { id: 't-report-zuid', contractId: 'c-zuid', kind: 'accountabilityReport', role: 'contractContact', organisation: LDH, due: -30 },
  { id: 't-midterm-zuid', contractId: 'c-zuid', kind: 'midtermReview', role: 'contractManager', organisation: ZAANSTAD, due: -1 },
];

async function seed(prisma: TestDatabase['prisma']): Promise<void> {
  const now = new Date();
  await prisma.tender.createMany({
    data: [
      { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027', leadOrganisation: ZAANSTAD },
      { id: 'tender-purmerend', title: 'Jeugdhulp Purmerend 2027', leadOrganisation: PURMEREND },
    ].map((t) => ({ ...t, workflowId: `tender-${t.id}`, procurementForm: 'europeanOpen', estimatedValueCents: 1_000_000_00n, contractStart: toUtcDate('2027-01-01'), termYears: 8, phase: 'completed', status: 'completed', launch: {}, launchedAt: now })),
  });
  await prisma.contract.createMany({
    data: contracts.map((c) => ({ ...c, commissioners: [c.commissioner], workflowId: `contract-term-${c.id}`, valueCents: 500_000_00n, startDate: toUtcDate('2027-01-01'), endDate: toUtcDate('2034-12-31'), status: 'active', terms: { kpis } })),
  });
  await prisma.task.createMany({
    data: tasks.map((t) => {
      const contract = contracts.find((c) => c.id === t.contractId)!;
      return { ...t, due: undefined, workflowId: `contract-term-${contract.id}`, title: `${t.kind} ${contract.lotTitle}`, commissioner: contract.commissioner, provider: contract.provider, dueDate: toUtcDate(addDaysTo(today, t.due)), status: 'open', openedAt: now };
    }),
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma);
  api = await buildApi({ prisma: db.prisma, temporal: new Client(), taskQueue: 'unused' }, { logger: false });
  dock = await apiTokenFor(db.prisma, DOCK, ['contractContact'], { kind: 'provider' });
  ldh = await apiTokenFor(db.prisma, LDH, ['contractContact'], { kind: 'provider' });
  zaanstadManager = await apiTokenFor(db.prisma, ZAANSTAD, ['manager']);
  zaanstadOfficer = await apiTokenFor(db.prisma, ZAANSTAD, ['procurementOfficer']);
  zaanstadAdmin = await apiTokenFor(db.prisma, ZAANSTAD, ['administrator']);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const get = (url: string, headers?: ApiTokenHeaders, cookie?: string) => api.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
const post = (url: string, headers: ApiTokenHeaders, form: Record<string, string>) =>
  api.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

describe('signing in first', () => {
  it.each(['/mijn-taken', '/overzicht', '/aanbestedingen', '/aanbestedingen/nieuw', '/contracten/c-noord', '/taken/t-report-noord', '/beheer/rollen'])('sends an anonymous visitor of %s to sign in, and back afterwards', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
  });
});

describe("a provider's tasks", () => {
  it('lists its own open tasks across contracts, due soonest first, overdue marked, and no one else’s', async () => {
    const response = await get('/mijn-taken', dock);
    expect(response.statusCode).toBe(200);
    const rows = tableRows(response.body);
    expect(rows.map((r) => r[0])).toEqual(['accountabilityReport Wijkteam Noord', 'accountabilityReport Jeugdhulp ambulant', 'followUpAction Jeugdhulp ambulant']);
    expect(rows.map((r) => r[4])).toEqual(['Te laat', 'Te laat', 'Open']);
    expect(response.body).not.toContain('Wijkteam Zuid');
  });

  it('shows the accountability report form with a field per KPI: a figure for a measurable one, the story for the other', async () => {
    const response = await get('/taken/t-report-noord', dock);
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<label class="utrecht-form-label" for="veld-kpi-1">Cijfer: Bereik<\/label>/);
    expect(response.body).toMatch(/<label class="utrecht-form-label" for="veld-kpi-2">Verhaal: Tevredenheid<\/label>/);
    expect(response.body).toMatch(/<textarea [^>]*id="veld-kpi-2"/);
    expect(response.body).toMatch(/<label class="utrecht-form-label" for="veld-attachments">Bijlagen \(links\)<\/label>/);
  });

  it('shows a figure that is not a number next to its field, with the error summary linking to it, and keeps what was typed', async () => {
    const response = await post('/taken/t-report-noord', dock, { summary: 'Rustig kwartaal', 'kpi-1': 'veel', 'kpi-2': 'Tevreden bewoners' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'kpi-1')).toBe('Vul een getal in, zoals 12 of 12,5.');
    expect(fieldError(response.body, 'kpi-2')).toBeUndefined();
    expect(response.body).toContain('<a class="utrecht-link" href="#veld-kpi-1">Bereik: Vul een getal in, zoals 12 of 12,5.</a>');
    expect(response.body).toContain('>Tevreden bewoners</textarea>');
    expect(await db.prisma.task.findUnique({ where: { id: 't-report-noord' } })).toMatchObject({ status: 'open' });
  });

  it("gets the same 'not found' page for another provider's task or contract as for a missing one (404)", async () => {
    const missingTask = await get('/taken/t-missing', dock);
    const othersTask = await get('/taken/t-report-zuid', dock);
    expect(missingTask.statusCode).toBe(404);
    expect(othersTask.statusCode).toBe(404);
    const same = (html: string, id: string) => html.replaceAll(id, 'X').replace(/name="_csrf" value="[^"]*"/g, '');
    expect(same(othersTask.body, 't-report-zuid')).toBe(same(missingTask.body, 't-missing'));
    expect(othersTask.body).toContain('<h1 class="utrecht-heading-1">Niet gevonden</h1>');
    expect(othersTask.body).not.toContain('Wijkteam Zuid');

    const missingContract = await get('/contracten/c-missing', dock);
    const othersContract = await get('/contracten/c-zuid', dock);
    expect([missingContract.statusCode, othersContract.statusCode]).toEqual([404, 404]);
    expect(same(othersContract.body, 'c-zuid')).toBe(same(missingContract.body, 'c-missing'));
    const refusedPost = await post('/taken/t-report-zuid', dock, { summary: 'x' });
    expect(refusedPost.statusCode).toBe(404);
  });

  it('sees no task form on its own task it cannot complete… and the owner provider does see it', async () => {
    expect((await get('/taken/t-report-zuid', ldh)).body).toContain('action="/taken/t-report-zuid"');
  });
});

describe('the overdue overview', () => {
  it("lists the overdue tasks on its own organisation's contracts, most overdue first, with the total", async () => {
    const response = await get('/overzicht', zaanstadManager);
    expect(response.statusCode).toBe(200);
    expect(tableRows(response.body).map((r) => r[0])).toEqual(['accountabilityReport Wijkteam Zuid', 'accountabilityReport Wijkteam Noord', 'midtermReview Wijkteam Zuid']);
    expect(response.body).toContain('3 taken te laat op');
    expect(response.body).not.toContain('Jeugdhulp ambulant');
    expect(response.body).toMatch(/<a class="utrecht-link" href="\/contracten\/c-zuid">Wijkteam Zuid<\/a>/);
    expect(response.body).toContain('href="/overzicht/aanvullende-opdrachten"');
  });

  it('filters by kind and by provider, the filter form keeping the choice', async () => {
    const byKind = await get('/overzicht?kind=midtermReview&provider=&commissioner=', zaanstadManager);
    expect(tableRows(byKind.body).map((r) => r[0])).toEqual(['midtermReview Wijkteam Zuid']);
    const byProvider = await get(`/overzicht?provider=${encodeURIComponent(DOCK)}`, zaanstadManager);
    expect(tableRows(byProvider.body).map((r) => r[0])).toEqual(['accountabilityReport Wijkteam Noord']);
    expect(byProvider.body).toMatch(/<input [^>]*id="veld-provider"[^>]*value="DOCK"/);
  });

  it('refuses an invalid filter with a 400 page', async () => {
    const response = await get('/overzicht?kind=bad%20kind!', zaanstadManager);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="nl"');
  });

  it('speaks English with the language cookie', async () => {
    const response = await get('/overzicht', zaanstadManager, 'regie_locale=en');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('3 tasks overdue on');
    expect(response.body).toContain('<caption class="utrecht-table__caption">Tasks past their due date, most overdue first</caption>');
  });
});

describe('tenders', () => {
  it("lists only the tenders of the person's own organisation", async () => {
    const response = await get('/aanbestedingen', zaanstadOfficer);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Sociale Wijkteams Zaanstad 2027');
    expect(response.body).not.toContain('Jeugdhulp Purmerend 2027');
    expect(response.body).toContain('href="/aanbestedingen/nieuw"');
  });

  it('gives a provider no launch form (404, as a page that does not exist)', async () => {
    expect((await get('/aanbestedingen/nieuw', dock)).statusCode).toBe(404);
  });

  it('explains the legal periods with their sources on the launch form', async () => {
    const response = await get('/aanbestedingen/nieuw', zaanstadOfficer);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Wettelijke termijnen');
    expect(response.body).toContain('aanbestedingsstukken, geen wettelijke termijn'); // the default light regime's standstill
    expect(response.body).toContain('<h3 class="utrecht-heading-3">Europese openbare procedure</h3>');
    expect(response.body).toContain('bron: Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a');
    expect(response.body).toContain('bron: Aanbestedingswet 2012 art. 2.127 lid 3');
    // The chosen form first.
    expect(response.body.indexOf('<h3 class="utrecht-heading-3">Sociale en andere specifieke diensten (verlicht regime)</h3>')).toBeLessThan(response.body.indexOf('<h3 class="utrecht-heading-3">Europese openbare procedure</h3>'));
    expect(response.body).toMatch(/<button type="submit" value="planning"[^>]*name="actie">Bekijk planning<\/button>/);
  });

  const launchForm = {
    title: 'Sociale wijkteams Zaanstad 2029',
    commissioner: ZAANSTAD,
    procurementForm: 'europeanOpen',
    estimatedValue: '12.000.000',
    contractStart: addDaysTo(today, 500),
    electronicSubmission: 'ja',
    documentsElectronicallyAvailable: 'ja',
    standstillDays: '20',
    termYears: '8',
    extensionCount: '2',
    extensionMonths: '24',
    accountabilityCadence: 'quarterly',
    lots: 'noord; Wijkteam Noord; Zaanstad-Noord',
    stakeholders: `procurementOfficer; ${ZAANSTAD}; inkoop@zaanstad.nl`,
    kpis: '',
  };

  it('shows the backward plan before anything is submitted, with the European periods and their articles', async () => {
    const response = await post('/aanbestedingen/nieuw', zaanstadOfficer, { ...launchForm, actie: 'planning' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('data-testid="plan-preview"');
    expect(tableRows(response.body)).toHaveLength(13);
    expect(response.body).toContain('bron: Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a');
    expect(await db.prisma.tender.count()).toBe(2);
  });

  it('shows a contract start that leaves too little time next to the start field', async () => {
    const response = await post('/aanbestedingen/nieuw', zaanstadOfficer, { ...launchForm, contractStart: addDaysTo(today, 30), actie: 'planning' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'contractStart')).toBeTruthy();
    expect(response.body).toContain('href="#veld-contractStart"');
  });

  it('refuses a launch with errors next to their fields (title too short, a stakeholder missing), starting nothing', async () => {
    const response = await post('/aanbestedingen/nieuw', zaanstadOfficer, { ...launchForm, title: 'x', actie: 'starten' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'title')).toMatch(/^Te kort/);
    expect(fieldError(response.body, 'stakeholders')).toContain('no stakeholder with role');
    expect(response.body).toMatch(/<h2 class="utrecht-heading-2" id="foutoverzicht-titel">Er zijn 2 fouten in het formulier<\/h2>/);
    expect(response.body).toMatch(/<input [^>]*id="veld-title"[^>]*value="x"/);
    expect(await db.prisma.tender.count()).toBe(2);
  });
});

describe('the role directory', () => {
  it('lets the administrator assign a role (POST, then back to the directory), and shows the new holder', async () => {
    const response = await post(`/beheer/rollen/toewijzing?organisatie=${encodeURIComponent(ZAANSTAD)}`, zaanstadAdmin, { email: 'ines@zaanstad.nl', name: 'Ines Inkoop', role: 'procurementOfficer', validFrom: '', validUntil: '' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/beheer/rollen?organisatie=${encodeURIComponent(ZAANSTAD)}&gelukt=added`);
    const page = await get(response.headers.location as string, zaanstadAdmin);
    expect(page.body).toContain('De rol is toegewezen.');
    expect(tableRows(page.body).find((r) => r[0]!.includes('ines@zaanstad.nl'))?.[1]).toBe('inkoper');
  });

  it('hands a role over to a new holder from a day (the old one until the day before), and shows a missing day next to its field', async () => {
    const directory = await get(`/beheer/rollen?organisatie=${encodeURIComponent(ZAANSTAD)}`, zaanstadAdmin);
    const assignment = new RegExp(`<option value="([0-9a-f-]{36})">inkoper: Ines Inkoop</option>`).exec(directory.body)?.[1];
    expect(assignment).toBeDefined();
    const url = `/beheer/rollen/overdracht?organisatie=${encodeURIComponent(ZAANSTAD)}`;
    const noDay = await post(url, zaanstadAdmin, { assignment: assignment!, newEmail: 'jan@zaanstad.nl', newName: 'Jan Janssen', from: '' });
    expect(noDay.statusCode).toBe(400);
    expect(fieldError(noDay.body, 'from')).toBeTruthy();
    const from = addDaysTo(today, 10);
    const handedOver = await post(url, zaanstadAdmin, { assignment: assignment!, newEmail: 'jan@zaanstad.nl', newName: 'Jan Janssen', from });
    expect(handedOver.statusCode).toBe(303);
    const rows = tableRows((await get(handedOver.headers.location as string, zaanstadAdmin)).body);
    expect(rows.find((r) => r[0]!.includes('jan@zaanstad.nl'))?.[1]).toBe('inkoper');
    expect(await db.prisma.roleAssignment.findUnique({ where: { id: assignment! } })).toMatchObject({ validUntil: toUtcDate(addDaysTo(from, -1)) });
  });

  it('shows an invalid email next to its field', async () => {
    const response = await post(`/beheer/rollen/toewijzing?organisatie=${encodeURIComponent(ZAANSTAD)}`, zaanstadAdmin, { email: 'geen-adres', role: 'procurementOfficer' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'email')).toBeTruthy();
  });

  it("shows others the directory without its forms, and refuses another organisation's directory as not found", async () => {
    const page = await get('/beheer/rollen', zaanstadManager);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/beheer/rollen/toewijzing');
    const refused = await post(`/beheer/rollen/toewijzing?organisatie=${encodeURIComponent(ZAANSTAD)}`, dock, { email: 'x@dock.nl', role: 'contractContact' });
    expect(refused.statusCode).toBe(404);
  });
});
