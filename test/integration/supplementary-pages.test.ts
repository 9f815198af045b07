/**
 * The pages of supplementary assignments on a real Temporal dev server with a worker and a real database:
 * a contract's portfolio with the intake form (the contract line's, and the provider's, counted as
 * side-steering) and the joint panel's vetting form, errors next to their fields (the form's and the
 * workflow's, such as a route over its legal limit), and the overview across the commissioner's contracts.
 * Another organisation's contract is "not found" as a missing one; anonymous visitors sign in first.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { Role } from '../../domain/glossary';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { personWithRoles } from '../helpers/sessions';
import { createDevServerEnv } from '../helpers/temporal';
import { fieldError, tableRows } from '../helpers/page-html';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let contractId: string;

const ZAANSTAD = 'Gemeente Zaanstad';
type Who = 'contractManager' | 'manager' | 'panel' | 'dock' | 'purmerend';
const as = {} as Record<Who, ApiTokenHeaders>;
const today = toIsoDate(new Date());

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue }, { logger: false });
  const token = (organisation: string, roles: Role[], label: string, kind: 'municipality' | 'provider' = 'municipality') => apiTokenFor(h.db.prisma, organisation, roles, { kind, label });
  as.contractManager = await token(ZAANSTAD, ['contractManager'], 'C. Manager');
  as.manager = await token(ZAANSTAD, ['manager'], 'M. Manager');
  as.panel = await token(ZAANSTAD, ['jointPanel'], 'Gremium');
  as.dock = await token('DOCK', ['contractContact'], 'DOCK contract', 'provider');
  as.purmerend = await token('Gemeente Purmerend', ['contractManager', 'manager', 'jointPanel'], 'Purmerend');
  await personWithRoles(h.db.prisma, 'contract@dock.example', [{ role: 'contractContact', organisation: 'DOCK', kind: 'provider' }]);
  const contract = zaanstadContract(addDaysTo(today, 30));
  contractId = contract.contractId;
  await h.db.prisma.contract.create({ data: contractRow(contract) });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(contractId), args: [contract] });
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

const page = () => `/contracten/${contractId}/aanvullende-opdrachten`;
const get = (url: string, who?: ApiTokenHeaders) => api.inject({ method: 'GET', url, headers: { ...who } });
const post = (url: string, who: ApiTokenHeaders, form: Record<string, string>) =>
  api.inject({ method: 'POST', url, headers: { ...who, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

const intake = (fields: Record<string, string>) => ({
  title: 'Schoolmaatschappelijk werk Krommenie',
  theme: 'Preventie jeugd',
  budget: '40.000',
  periodFrom: addDaysTo(today, 60),
  periodTo: addDaysTo(today, 425),
  sourceKind: 'municipalDepartment',
  sourceName: 'Afdeling Onderwijs',
  requestedBy: 'Team leerplicht',
  reportingRegime: 'foldedIntoContract',
  ...fields,
});

describe('a contract’s supplementary assignments', () => {
  it('sends anonymous visitors to sign in; another organisation finds no contract, as with a missing one', async () => {
    for (const url of [page(), '/overzicht/aanvullende-opdrachten']) {
      const anonymous = await get(url);
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
    }
    const hidden = await get(page(), as.purmerend);
    const missing = await get('/contracten/bestaat-niet/aanvullende-opdrachten', as.purmerend);
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    // The same page but for the id (and the sign-out form's fresh CSRF token).
    const comparable = (html: string) => html.replaceAll(contractId, 'bestaat-niet').replace(/name="_csrf" value="[^"]*"/g, '');
    expect(comparable(hidden.body)).toBe(comparable(missing.body));
    expect((await post(page(), as.purmerend, intake({}))).statusCode).toBe(404);
  });

  it('the contract line takes a request in: errors next to their fields first, then the request in the table', async () => {
    const empty = await get(page(), as.contractManager);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Er zijn nog geen aanvullende opdrachten aangevraagd.');
    expect(empty.body).toContain('id="veld-outsideContractLine"');
    expect(empty.body).not.toContain('Toetsing door het gremium');

    const wrong = await post(page(), as.contractManager, intake({ title: '', budget: 'veel', periodTo: addDaysTo(today, 59) }));
    expect(wrong.statusCode).toBe(400);
    expect(fieldError(wrong.body, 'title')).toBeTruthy();
    expect(fieldError(wrong.body, 'budget')).toContain('Vul een getal in');
    expect(fieldError(wrong.body, 'periodTo')).toContain('ends on or after its start');
    expect(wrong.body).toContain('value="Team leerplicht"');

    // The workflow's refusal shows next to its field too: a period past the contract's end.
    const tooLong = await post(page(), as.contractManager, intake({ periodTo: addDaysTo(today, 365 * 12) }));
    expect(tooLong.statusCode).toBe(400);
    expect(fieldError(tooLong.body, 'periodTo')).toContain('ends after the contract does');

    const taken = await post(page(), as.contractManager, intake({}));
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toBe(`${page()}?gelukt=intake`);
    const shown = await get(taken.headers.location!, as.contractManager);
    expect(shown.body).toContain('De aanvraag is ontvangen');
    expect(tableRows(shown.body)).toEqual([
      ['Schoolmaatschappelijk werk Krommenie', 'Preventie jeugd', 'Gemeentelijke afdeling: Afdeling Onderwijs', 'nee', 'Ter toetsing bij het gremium', '—', expect.stringContaining('40.000,00'), expect.any(String)],
    ]);
  });

  it('the provider records a request that reached it outside the contract line: side-steering', async () => {
    const form = await get(page(), as.dock);
    expect(form.body).toContain('telt als zijsturing');
    expect(form.body).not.toContain('id="veld-outsideContractLine"');
    const taken = await post(page(), as.dock, intake({ title: 'Kansrijke Start', budget: '30000', sourceKind: 'nationalProgramme', sourceName: 'Kansrijke Start', requestedBy: 'Consultatiebureau' }));
    expect(taken.statusCode).toBe(303);
    const rows = tableRows((await get(page(), as.dock)).body);
    expect(rows[1]!.slice(0, 5)).toEqual(['Kansrijke Start', 'Preventie jeugd', 'Landelijk programma: Kansrijke Start', 'ja, buiten de contractlijn', 'Ter toetsing bij het gremium']);
  });

  it('the joint panel vets: a missing route and a route over its legal limit are shown next to the route; an accepted request shows its route', async () => {
    const form = await get(page(), as.panel);
    expect(form.body).toContain('Toetsing door het gremium');
    expect(form.body).not.toContain('Aanvraag indienen');
    const idOf = async (title: string) => (await h.db.prisma.supplementaryAssignment.findFirstOrThrow({ where: { contractId, title } })).id;
    const [first, second] = [await idOf('Schoolmaatschappelijk werk Krommenie'), await idOf('Kansrijke Start')];

    const noRoute = await post(`${page()}/toetsing`, as.panel, { assignmentId: first!, decision: 'accept', route: '', reason: 'Past in de wijk' });
    expect(noRoute.statusCode).toBe(400);
    expect(fieldError(noRoute.body, 'route')).toContain('art. 2.163b');

    const large = await post(page(), as.contractManager, intake({ title: 'Wijkteam statushouders', theme: 'Inburgering', budget: '900.000', sourceName: 'Afdeling Inburgering' }));
    expect(large.statusCode).toBe(303);
    const largeId = await idOf('Wijkteam statushouders');
    const overLimit = await post(`${page()}/toetsing`, as.panel, { assignmentId: largeId, decision: 'accept', route: 'deMinimis', reason: 'Spoed' });
    expect(overLimit.statusCode).toBe(400);
    expect(fieldError(overLimit.body, 'route')).toContain('2.163b');

    const accepted = await post(`${page()}/toetsing`, as.panel, { assignmentId: first!, decision: 'accept', route: 'deMinimis', reason: 'Past in de geest van de opdracht' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${page()}?gelukt=vetting`);
    const rejected = await post(`${page()}/toetsing`, as.panel, { assignmentId: second!, decision: 'reject', reason: 'Hoort bij de jeugdgezondheidszorg' });
    expect(rejected.statusCode).toBe(303);
    const rows = tableRows((await get(page(), as.panel)).body);
    expect(rows.map((r) => [r[0], r[4], r[5]])).toEqual([
      ['Schoolmaatschappelijk werk Krommenie', 'Wacht op bevestiging opdrachtnemer', 'Kleine wijziging, de-minimis (Aw 2012 art. 2.163b)'],
      ['Kansrijke Start', 'Afgewezen', '—'],
      ['Wijkteam statushouders', 'Ter toetsing bij het gremium', '—'],
    ]);

    // A vetted request is not vetted twice: the refusal (409) shows next to the decision.
    const twice = await post(`${page()}/toetsing`, as.panel, { assignmentId: first!, decision: 'reject', reason: 'Toch niet' });
    expect(twice.statusCode).toBe(400);
    expect(fieldError(twice.body, 'decision')).toContain('has been vetted');
  });

  it('the provider confirms the accepted assignment on the page: a missing answer shows next to its field, then the assignment is confirmed', async () => {
    const form = await get(page(), as.dock);
    expect(form.body).toContain('Aanvullende opdracht bevestigen');
    const id = (await h.db.prisma.supplementaryAssignment.findFirstOrThrow({ where: { contractId, title: 'Schoolmaatschappelijk werk Krommenie' } })).id;
    expect(form.body).toContain(`<option value="${id}">`);
    const noAnswer = await post(`${page()}/bevestiging`, as.dock, { assignmentId: id, confirm: '' });
    expect(noAnswer.statusCode).toBe(400);
    expect(fieldError(noAnswer.body, 'confirm')).toBe('Kies: bevestigen of afwijzen');
    // The panel's page offers no confirmation: that is the provider's.
    expect((await get(page(), as.panel)).body).not.toContain('Aanvullende opdracht bevestigen');

    const confirmed = await post(`${page()}/bevestiging`, as.dock, { assignmentId: id, confirm: 'ja', note: 'Start met twee schoolmaatschappelijk werkers' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`${page()}?gelukt=confirmation`);
    // The assignment's term tells its contract; the table shows it once the contract has heard.
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await h.db.prisma.supplementaryAssignment.findUniqueOrThrow({ where: { id } })).status === 'confirmed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = tableRows((await get(page(), as.dock)).body);
    expect(rows.find((r) => r[0] === 'Schoolmaatschappelijk werk Krommenie')?.[4]).toBe('Bevestigd, nog niet gestart');
    expect(await h.db.prisma.task.findUnique({ where: { id: `${id}:confirmation` } })).toMatchObject({ status: 'done', outcome: 'confirmed', completedByOrganisation: 'DOCK' });
  });
});

describe('the overview across the commissioner’s contracts', () => {
  it('shows the numbers by source and theme and the side-steering, for contract managers and managers only', async () => {
    const overview = await get('/overzicht/aanvullende-opdrachten', as.manager);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toMatch(/data-testid="supplementary-totals">1 aanvaarde aanvullende opdracht voor Gemeente Zaanstad, samen €\s*40\.000,00\./);
    expect(overview.body).toContain('data-testid="supplementary-side-steering">1 aanvraag kwam buiten de contractlijn binnen (zijsturing).');
    expect(tableRows(overview.body)).toEqual([['Gemeentelijke afdeling: Afdeling Onderwijs', '1', expect.stringContaining('40.000,00'), '0']]);

    const ofYear = await get(`/overzicht/aanvullende-opdrachten?commissioner=${encodeURIComponent(ZAANSTAD)}&year=2099`, as.contractManager);
    expect(ofYear.body).toContain('0 aanvaarde aanvullende opdrachten');

    for (const who of [as.dock, as.panel]) expect((await get('/overzicht/aanvullende-opdrachten', who)).statusCode).toBe(403);
    expect((await get(`/overzicht/aanvullende-opdrachten?commissioner=${encodeURIComponent(ZAANSTAD)}`, as.purmerend)).statusCode).toBe(403);
  });
});
