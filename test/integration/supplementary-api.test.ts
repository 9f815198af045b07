/**
 * Supplementary assignments through the HTTP API, the whole path on a real Temporal dev server with a
 * worker and a real database: requests into the contract's one intake (by the contract line, and by the
 * provider: side-steering), the joint panel's vetting (de minimis, rejected, a separate contract, over the
 * legal limit, twice), the provider's confirmation on the assignment's own workflow, the budget work, and
 * the overviews per contract and per commissioner. Refusals that come before the workflow are in
 * supplementary-refusals.test.ts.
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
import { personWithRoles, sessionFor } from '../helpers/sessions';
import { createDevServerEnv } from '../helpers/temporal';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let contractId: string;
let otherContractId: string;

const ZAANSTAD = 'Gemeente Zaanstad';
type Who = 'contractManager' | 'manager' | 'panel' | 'dockContact' | 'dockDirector';
const as = {} as Record<Who, ApiTokenHeaders>;
const today = toIsoDate(new Date());
const nextYear = Number(today.slice(0, 4)) + 1;

async function startContract(): Promise<string> {
  const contract = zaanstadContract(addDaysTo(today, 30));
  await h.db.prisma.contract.create({ data: contractRow(contract) });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(contract.contractId), args: [contract] });
  return contract.contractId;
}

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail }, { logger: false });
  const token = (organisation: string, roles: Role[], label: string, kind: 'municipality' | 'provider' = 'municipality') => apiTokenFor(h.db.prisma, organisation, roles, { kind, label });
  as.contractManager = await token(ZAANSTAD, ['contractManager'], 'C. Manager');
  as.manager = await token(ZAANSTAD, ['manager'], 'M. Manager');
  as.panel = await token(ZAANSTAD, ['jointPanel'], 'Gremium Zaanstad');
  as.dockContact = await token('DOCK', ['contractContact'], 'DOCK contract', 'provider');
  as.dockDirector = await token('DOCK', ['director'], 'DOCK directie', 'provider');
  // The provider's contract contact in the directory: the confirmation task's mail reaches someone.
  await personWithRoles(h.db.prisma, 'contract@dock.example', [{ role: 'contractContact', organisation: 'DOCK', kind: 'provider' }]);
  contractId = await startContract();
  otherContractId = await startContract();
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of several routes
  body: any;
}

async function call(method: 'GET' | 'POST', url: string, who: ApiTokenHeaders, payload?: object): Promise<Answer> {
  const response = await api.inject({ method, url, headers: { ...who }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

/** Polls until `check` passes (the workflow and its records catch up after an Update returns). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  if (!check(value)) throw new Error(`${what}: still ${JSON.stringify(value)}`);
  return value;
}

const base = (id: string) => `/contracts/${id}/supplementary-assignments`;
const request = (fields: { title: string; theme: string; budgetCents: number; source: { kind: string; name: string }; spendingCapCents?: number }) => ({
  ...fields,
  period: { from: addDaysTo(today, 60), to: addDaysTo(today, 425) },
  requestedBy: 'Team leerplicht',
});
const ids: Record<'schoolDropout' | 'kansrijkeStart' | 'debtHelp' | 'sportsGrant' | 'tooLarge', string> = {} as never;

describe('the path through the API', () => {
  it('takes requests in: by the contract line, and by the provider (counted as side-steering)', async () => {
    const byLine = await call('POST', base(contractId), as.contractManager, request({ title: 'Schoolmaatschappelijk werk Krommenie', theme: 'Preventie jeugd', budgetCents: 40_000_00, spendingCapCents: 40_000_00, source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' } }));
    expect(byLine.status).toBe(201);
    expect(byLine.body).toMatchObject({ status: 'vetting', sideSteering: false, goal: 'Preventie jeugd', regime: 'foldedIntoContract', recordedBy: { role: 'contractManager', organisation: ZAANSTAD, name: 'C. Manager' } });
    expect(byLine.body.recordedBy).not.toHaveProperty('principal');
    ids.schoolDropout = byLine.body.id;

    const byProvider = await call('POST', base(contractId), as.dockContact, request({ title: 'Kansrijke Start', theme: 'Preventie jeugd', budgetCents: 30_000_00, spendingCapCents: 30_000_00, source: { kind: 'nationalProgramme', name: 'Kansrijke Start' } }));
    expect(byProvider.status).toBe(201);
    expect(byProvider.body).toMatchObject({ status: 'vetting', sideSteering: true, recordedBy: { role: 'contractContact', organisation: 'DOCK' } });
    ids.kansrijkeStart = byProvider.body.id;

    // A signed-in person of the contract line (the chain coordinator): named in the request, and as the principal in the audit trail only.
    const coordinator = await personWithRoles(h.db.prisma, 'ketenregisseur@zaanstad.example', [{ role: 'chainCoordinator', organisation: ZAANSTAD }], { name: 'K. Regisseur' });
    const session = await sessionFor(api, h.db.prisma, coordinator.id);
    const byPerson = await api.inject({ method: 'POST', url: base(otherContractId), headers: session, payload: request({ title: 'Huiswerkbegeleiding', theme: 'Preventie jeugd', budgetCents: 5_000_00, source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' } }) });
    expect(byPerson.statusCode).toBe(201);
    expect(byPerson.json()).toMatchObject({ recordedBy: { role: 'chainCoordinator', organisation: ZAANSTAD, name: 'K. Regisseur' } });
    const event = await h.db.prisma.event.findFirst({ where: { contractId: otherContractId, type: 'supplementary.requestTakenIn' } });
    expect(event).toMatchObject({ actorRole: 'chainCoordinator', actorOrganisation: ZAANSTAD, actorName: 'K. Regisseur', actorPrincipal: 'ketenregisseur@zaanstad.example' });

    for (const [key, fields] of [
      ['debtHelp', { title: 'Schuldhulp op school', theme: 'Bestaanszekerheid', budgetCents: 20_000_00, source: { kind: 'municipalDepartment', name: 'Afdeling Werk en Inkomen' } }],
      ['sportsGrant', { title: 'Sportcoaches in de wijk', theme: 'Sport', budgetCents: 80_000_00, source: { kind: 'commissioner', name: 'Contractmanagement' } }],
      ['tooLarge', { title: 'Wijkteam voor statushouders', theme: 'Inburgering', budgetCents: 900_000_00, source: { kind: 'nationalProgramme', name: 'Wet inburgering' } }],
    ] as const) {
      const taken = await call('POST', base(contractId), as.manager, request(fields));
      expect(taken.status).toBe(201);
      ids[key] = taken.body.id;
    }

    // The panel's task, one per request, for the joint panel of the lead commissioner.
    const tasks = await eventually(() => h.db.prisma.task.findMany({ where: { contractId, kind: 'supplementaryVetting' } }), (t) => t.length === 5, 'vetting tasks');
    expect(tasks.every((t) => t.role === 'jointPanel' && t.organisation === ZAANSTAD && t.status === 'open')).toBe(true);

    // Both parties read the portfolio.
    for (const who of [as.contractManager, as.dockContact]) {
      const portfolio = await call('GET', base(contractId), who);
      expect(portfolio.status).toBe(200);
      expect(portfolio.body.assignments.map((a: { id: string }) => a.id)).toEqual(Object.values(ids));
      expect(JSON.stringify(portfolio.body)).not.toContain('"principal"');
    }
  });

  it('the panel vets: de minimis accepted (counted under Aw 2012 art. 2.163b), rejected, a separate contract; over the limit refused; twice refused', async () => {
    const accepted = await call('POST', `${base(contractId)}/${ids.schoolDropout}/vetting`, as.panel, { decision: 'accept', reason: 'Past in de geest van de opdracht: preventie in de wijk', route: 'deMinimis' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'awaitingConfirmation', vetting: { decision: 'accept', route: 'deMinimis', ground: { basis: 'deMinimis', article: expect.stringContaining('2.163b') }, assessment: { allowed: true }, by: { role: 'jointPanel', organisation: ZAANSTAD } } });

    const twice = await call('POST', `${base(contractId)}/${ids.schoolDropout}/vetting`, as.panel, { decision: 'reject', reason: 'Toch niet' });
    expect(twice).toEqual({ status: 409, body: expect.objectContaining({ statusCode: 409, message: expect.stringContaining('has been vetted') }) });

    const sideSteered = await call('POST', `${base(contractId)}/${ids.kansrijkeStart}/vetting`, as.panel, { decision: 'accept', reason: 'Landelijk programma, past bij preventie', route: 'deMinimis' });
    expect(sideSteered.body).toMatchObject({ status: 'awaitingConfirmation', sideSteering: true });

    const rejected = await call('POST', `${base(contractId)}/${ids.debtHelp}/vetting`, as.panel, { decision: 'reject', reason: 'Hoort bij de schuldhulpverlening, niet bij de wijkteams' });
    expect(rejected.body).toMatchObject({ status: 'rejected', vetting: { decision: 'reject' } });
    expect(rejected.body.vetting).not.toHaveProperty('route');

    const separate = await call('POST', `${base(contractId)}/${ids.sportsGrant}/vetting`, as.panel, { decision: 'accept', reason: 'Eigen doel, eigen partijen', route: 'separateContract', separateContract: 'grant' });
    expect(separate.body).toMatchObject({ status: 'leftContract', vetting: { route: 'separateContract', separateContract: 'grant' } });

    // EUR 900,000 is over the de minimis limit of this EUR 32 million contract (the EU threshold binds).
    const overLimit = await call('POST', `${base(contractId)}/${ids.tooLarge}/vetting`, as.panel, { decision: 'accept', reason: 'Urgent', route: 'deMinimis' });
    expect(overLimit.status).toBe(400);
    expect(overLimit.body.issues).toEqual([{ field: 'budgetCents', message: expect.stringContaining('2.163b') }]);
    expect((await call('GET', `${base(contractId)}/${ids.tooLarge}`, as.panel)).body.assignment.status).toBe('vetting');

    // The panel's tasks of the vetted requests are done.
    const done = await h.db.prisma.task.findMany({ where: { contractId, kind: 'supplementaryVetting', status: 'done' } });
    expect(done.map((t) => t.id).sort()).toEqual([ids.schoolDropout, ids.kansrijkeStart, ids.debtHelp, ids.sportsGrant].map((id) => `${id}:vetting`).sort());
  });

  it('one assignment: its own term once accepted, with its tasks; before that from the portfolio; 404 for an id the contract does not hold', async () => {
    const accepted = await call('GET', `${base(contractId)}/${ids.schoolDropout}`, as.contractManager);
    expect(accepted.status).toBe(200);
    expect(accepted.body.assignment).toMatchObject({ id: ids.schoolDropout, status: 'awaitingConfirmation' });
    expect(accepted.body.tasks).toEqual([expect.objectContaining({ kind: 'supplementaryConfirmation', role: 'contractContact', organisation: 'DOCK', status: 'open' })]);

    const rejected = await call('GET', `${base(contractId)}/${ids.debtHelp}`, as.dockContact);
    expect(rejected).toEqual({ status: 200, body: { assignment: expect.objectContaining({ id: ids.debtHelp, status: 'rejected' }), tasks: [] } });

    const unknown = `${contractId}-sa-99`;
    expect(await call('GET', `${base(contractId)}/${unknown}`, as.contractManager)).toEqual({ status: 404, body: expect.objectContaining({ message: `No supplementary assignment ${unknown} in contract ${contractId}` }) });
    // Another contract's assignment is not reached through this contract.
    const elsewhere = await call('POST', base(otherContractId), as.contractManager, request({ title: 'Buurtsportcoach', theme: 'Sport', budgetCents: 10_000_00, source: { kind: 'commissioner', name: 'Contractmanagement' } }));
    expect(elsewhere.status).toBe(201);
    expect((await call('GET', `${base(contractId)}/${elsewhere.body.id}`, as.contractManager)).status).toBe(404);
    expect((await call('POST', `${base(contractId)}/${elsewhere.body.id}/vetting`, as.panel, { decision: 'reject', reason: 'x' })).status).toBe(404);
  });

  it('the provider confirms on the assignment’s own workflow; a request without one, or a second confirmation, conflicts', async () => {
    const noTerm = await call('POST', `${base(contractId)}/${ids.debtHelp}/confirmation`, as.dockContact, { confirm: true });
    expect(noTerm).toEqual({ status: 409, body: expect.objectContaining({ message: `Supplementary assignment ${ids.debtHelp} has no running term of its own (status: rejected)` }) });

    const confirmed = await call('POST', `${base(contractId)}/${ids.schoolDropout}/confirmation`, as.dockDirector, { confirm: true, note: 'Start met twee schoolmaatschappelijk werkers' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.assignment.confirmation).toMatchObject({ confirm: true, by: { role: 'director', organisation: 'DOCK', name: 'DOCK directie' } });
    expect(confirmed.body.tasks).toEqual([expect.objectContaining({ kind: 'supplementaryConfirmation', status: 'done' })]);
    const again = await call('POST', `${base(contractId)}/${ids.schoolDropout}/confirmation`, as.dockContact, { confirm: false });
    expect(again.status).toBe(409);

    // The contract hears of it: confirmed, before its period starts.
    await eventually(
      async () => (await call('GET', base(contractId), as.contractManager)).body.assignments.find((a: { id: string }) => a.id === ids.schoolDropout).status,
      (status) => status === 'confirmed',
      'the contract’s view of the confirmed assignment',
    );

    // Nothing to decide yet: no end decision is open, no midterm review or renewal is under way.
    const endDecision = await call('POST', `${base(contractId)}/${ids.schoolDropout}/end-decision`, as.contractManager, { decision: 'end', rationale: 'Doel bereikt' });
    expect(endDecision).toEqual({ status: 409, body: expect.objectContaining({ message: expect.stringContaining('no end decision open') }) });
    const promotion = await call('POST', `${base(contractId)}/${ids.schoolDropout}/promotion`, as.manager, { rationale: 'Structureel nodig' });
    expect(promotion).toEqual({ status: 409, body: expect.objectContaining({ message: expect.stringContaining('midterm review') }) });
  });

  it('the budget: settings, a spending cap and spending against it, the flexible amount; no bundling moment open yet', async () => {
    const settings = await call('POST', `/contracts/${contractId}/supplementary-settings`, as.manager, { smallBudgetBelowCents: 50_000_00 });
    expect(settings).toEqual({ status: 200, body: expect.objectContaining({ smallBudgetBelowCents: 50_000_00 }) });

    const noCap = await call('POST', `/contracts/${contractId}/spending`, as.contractManager, { year: nextYear, amountCents: 1_000_00, description: 'Inzet', reference: 'F-1' });
    expect(noCap).toEqual({ status: 409, body: expect.objectContaining({ message: expect.stringContaining('no spending cap') }) });
    const cap = await call('POST', `/contracts/${contractId}/spending-caps`, as.contractManager, { year: nextYear, capCents: 100_000_00 });
    expect(cap).toEqual({ status: 201, body: expect.objectContaining({ year: nextYear, spendingCap: expect.objectContaining({ capCents: 100_000_00 }) }) });
    const spent = await call('POST', `/contracts/${contractId}/spending`, as.contractManager, { year: nextYear, amountCents: 20_000_00, description: 'Schoolmaatschappelijk werk, eerste maand', reference: 'F-1' });
    expect(spent).toEqual({ status: 201, body: expect.objectContaining({ year: nextYear, spentCents: 20_000_00 }) });
    expect((await call('POST', `/contracts/${contractId}/spending`, as.contractManager, { year: nextYear, amountCents: 1_00, description: 'Dubbel', reference: 'F-1' })).status).toBe(409);
    const past = await call('POST', `/contracts/${contractId}/spending-caps`, as.contractManager, { year: nextYear - 2, capCents: 1_00 });
    expect(past).toEqual({ status: 400, body: expect.objectContaining({ issues: [{ field: 'year', message: expect.stringContaining('has passed') }] }) });

    const flexible = await call('POST', `/contracts/${contractId}/flexible-amount`, as.manager, { year: nextYear, amountCents: 150_000_00, note: 'Gemiddelde van eerdere jaren, naar boven afgerond' });
    expect(flexible).toEqual({ status: 200, body: expect.objectContaining({ year: nextYear, flexibleAmount: expect.objectContaining({ amountCents: 150_000_00 }) }) });

    const bundling = await call('POST', `/contracts/${contractId}/supplementary-bundles`, as.manager, { year: nextYear, bundles: [{ theme: 'Preventie jeugd', goal: 'Minder schooluitval', assignmentIds: [ids.schoolDropout, ids.kansrijkeStart] }] });
    expect(bundling).toEqual({ status: 409, body: expect.objectContaining({ message: `No bundling moment for ${nextYear} is open` }) });
    const consent = await call('POST', `/contracts/${contractId}/supplementary-bundles/${contractId}-bundle-${nextYear}-1/consent`, as.manager, { consent: true, documentReference: 'Besluit 2027-12' });
    expect(consent).toEqual({ status: 404, body: expect.objectContaining({ message: `No supplementary bundle ${contractId}-bundle-${nextYear}-1 in contract ${contractId}` }) });

    const portfolio = await call('GET', base(contractId), as.dockContact);
    expect(portfolio.body.settings.smallBudgetBelowCents).toBe(50_000_00);
    expect(portfolio.body.years.find((y: { year: number }) => y.year === nextYear)).toMatchObject({ spentCents: 20_000_00, spendingCap: { capCents: 100_000_00 }, flexibleAmount: { amountCents: 150_000_00 } });
  });

  it('the overview per contract (both parties) and across the commissioner’s contracts (its contract managers and managers)', async () => {
    const expected = {
      assignments: { count: 2, totalCents: 70_000_00 },
      bySource: [
        { kind: 'municipalDepartment', name: 'Afdeling Onderwijs', count: 1, totalCents: 40_000_00, sideSteering: 0 },
        { kind: 'nationalProgramme', name: 'Kansrijke Start', count: 1, totalCents: 30_000_00, sideSteering: 1 },
      ],
      byTheme: [{ theme: 'Preventie jeugd', count: 2, totalCents: 70_000_00 }],
      sideSteering: { count: 1, bySource: [{ kind: 'nationalProgramme', name: 'Kansrijke Start', count: 1 }] },
    };
    const read = (who: ApiTokenHeaders) => call('GET', `/contracts/${contractId}/supplementary-overview`, who);
    const perContract = await eventually(() => read(as.contractManager), (a) => a.body.assignments?.count === 2, 'the records of the vetted assignments');
    expect(perContract).toEqual({ status: 200, body: expect.objectContaining(expected) });
    const status = (s: string) => perContract.body.byStatus.find((b: { status: string }) => b.status === s);
    expect([status('vetting').count, status('rejected').count, status('leftContract').count]).toEqual([1, 1, 1]);
    expect((await read(as.dockContact)).body).toEqual(perContract.body);

    // Across Zaanstad's contracts: the other contract adds two requests still with the panel (not committed).
    const across = await call('GET', `/overview/supplementary?commissioner=${encodeURIComponent(ZAANSTAD)}`, as.manager);
    expect(across).toEqual({ status: 200, body: expect.objectContaining(expected) });
    expect(across.body.byStatus.find((b: { status: string }) => b.status === 'vetting').count).toBe(3);
    expect((await call('GET', '/overview/supplementary', as.contractManager)).body).toEqual(across.body);
    expect((await call('GET', '/overview/supplementary', as.dockContact)).status).toBe(403);
    expect((await call('GET', '/overview/supplementary', as.panel)).status).toBe(403);
  });
});
