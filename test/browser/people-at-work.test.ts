/**
 * regie in headless Chromium, on the whole product (Temporal dev server and worker, PostgreSQL, the SMTP
 * capture, the API and its pages on a real port), each person signing in the way they would: /inloggen,
 * the link from the mail on /post, "Doorgaan". A procurement officer launches a tender through the form;
 * a provider delivers its accountability report; a used sign-in link signs no one in; a manager finds an
 * overdue report and sees it go once delivered; a provider who edits the URL to another provider's
 * contract or task gets "not found"; an administrator gives a new colleague a role, who then signs in.
 * Every page on the way is checked with axe (WCAG 2.1 A/AA, serious and critical) and kept as a
 * screenshot in test-results/browser/; every style sheet must load.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDaysTo, addMonthsTo, toIsoDate } from '../../domain/dates';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { type ContractTermInput, contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { launchChromium, mainText, PageAudit, recordBrokenResources, seriousAccessibilityViolations } from '../helpers/browser';
import { type BrowserSite, signInByEmailLink, startBrowserSite } from '../helpers/browser-site';
import { personWithRoles } from '../helpers/sessions';

const ZAANSTAD = 'Gemeente Zaanstad';
const OFFICER = 'inkoop@zaanstad.example';
const MANAGER = 'manager@zaanstad.example';
const CONTRACT_MANAGER = 'contractmanagement@zaanstad.example';
const ADMINISTRATOR = 'beheer@zaanstad.example';
const NEW_MANAGER = 'nina.nieuw@zaanstad.example';
const DOCK = { organisation: 'DOCK', email: 'contract@dock.example' };
const SMD = { organisation: 'SMD', email: 'contract@smd.example' };
const today = toIsoDate(new Date());

let site: BrowserSite;
let browser: Browser;
const contexts: BrowserContext[] = [];
const audit = new PageAudit('regie');

/** Zaanstad's contract for one lot with `provider`, its contact in the directory as the final award puts them. */
function contractWith(provider: { organisation: string; email: string }, lotIndex: number, startDate: string): ContractTermInput {
  const input = zaanstadContract(startDate);
  const lot = zaanstadLaunch(startDate).lots[lotIndex]!;
  return {
    ...input,
    title: `Sociale Wijkteams Zaanstad 2027, perceel ${lot.title}`,
    lot,
    provider,
    stakeholders: input.stakeholders.map((s) => (s.role === 'contractContact' ? { ...s, ...provider } : s)),
  };
}

async function startContract(input: ContractTermInput): Promise<void> {
  await site.h.db.prisma.contract.create({ data: { ...contractRow(input), status: 'active', terms: input.terms } });
  await site.h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: site.h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await delay(200);
  }
}

const openReportOf = (contractId: string) => site.h.db.prisma.task.findFirst({ where: { contractId, kind: 'accountabilityReport', status: 'open' }, orderBy: { dueDate: 'asc' } });

/** Style sheets and other resources of the pages that did not load. */
const brokenResources: string[] = [];

/** A fresh browser (its own cookies) for one person. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  const page = await context.newPage();
  recordBrokenResources(page, brokenResources);
  return page;
}

// DOCK's first quarter ended yesterday: its report is open, due in about a month.
const dockContract = contractWith(DOCK, 0, addDaysTo(addMonthsTo(today, -3), -1));
// SMD's first quarter ended 45 days ago: its report was due 30 days after, so it is two weeks overdue.
const smdContract = contractWith(SMD, 2, addDaysTo(addMonthsTo(today, -3), -45));

beforeAll(async () => {
  [site, browser] = await Promise.all([startBrowserSite(), launchChromium()]);
  const prisma = site.h.db.prisma;
  await personWithRoles(prisma, OFFICER, [{ role: 'procurementOfficer', organisation: ZAANSTAD }], { name: 'Anne Inkoper' });
  await personWithRoles(prisma, MANAGER, [{ role: 'manager', organisation: ZAANSTAD }], { name: 'Mirjam Manager' });
  await personWithRoles(prisma, ADMINISTRATOR, [{ role: 'administrator', organisation: ZAANSTAD }], { name: 'Bart Beheer' });
  // The contracts' mail to the commissioner's side (reminders, escalations, invitations) has its holders.
  await personWithRoles(prisma, CONTRACT_MANAGER, [{ role: 'contractManager', organisation: ZAANSTAD }], { name: 'Chris Contractmanager' });
  await personWithRoles(prisma, DOCK.email, [{ role: 'contractContact', organisation: DOCK.organisation, kind: 'provider' }], { name: 'Dirk van DOCK' });
  await personWithRoles(prisma, SMD.email, [{ role: 'contractContact', organisation: SMD.organisation, kind: 'provider' }], { name: 'Sanne van SMD' });
  await Promise.all([startContract(dockContract), startContract(smdContract)]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await site?.close();
});

test('a procurement officer launches a tender through the form: the plan preview, a bad value shown next to its field, then the timeline', async () => {
  const page = await newPage();
  await signInByEmailLink(page, site, OFFICER, audit, 'inkoper');
  expect(new URL(page.url()).pathname).toBe('/aanbestedingen');
  await expect(page.getByText('Ingelogd als Anne Inkoper').isVisible()).resolves.toBe(true);
  await audit.check(page, 'inkoper-aanbestedingen');
  // The keyboard's first stop is the skip link, which moves the focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus').innerText()).resolves.toBe('Naar de inhoud');
  await page.keyboard.press('Enter');
  await expect(page.locator('main:focus').count()).resolves.toBe(1);

  await page.getByRole('link', { name: 'Nieuwe aanbesteding' }).click();
  await page.waitForURL(`${site.url}/aanbestedingen/nieuw`);
  await audit.check(page, 'inkoper-nieuw');
  await page.getByLabel('Titel').fill('Sociale Wijkteams Zaanstad 2029');
  await page.getByLabel('Opdrachtgever (penvoerder)').selectOption(ZAANSTAD);
  await page.getByLabel('Inkoopvorm').selectOption({ label: 'Sociale en andere specifieke diensten (verlicht regime)' });
  await page.getByLabel('Geraamde waarde in euro (inclusief opties)').fill('veel geld');
  await page.getByLabel('Startdatum contract').fill(addDaysTo(today, 450));
  await page.getByLabel('Inschrijven gaat elektronisch').check();
  await page.getByLabel('De aanbestedingsstukken staan vanaf de aankondiging volledig online').check();
  await page.getByLabel('Opschortende termijn in kalenderdagen').fill('20');
  await page.getByLabel('Looptijd in jaren').fill('8');
  await page.getByLabel('Aantal verlengingsopties').fill('2');
  await page.getByLabel('Maanden per verlengingsoptie').fill('24');
  await page.getByLabel('Verantwoording').selectOption('quarterly');
  await page.getByLabel('Percelen').fill('noord; Zaanstad Noord; Krommenie\nzuid; Zaanstad Zuid; Poelenburg');
  await page
    .getByLabel('Betrokkenen')
    .fill([`procurementOfficer; ${ZAANSTAD}; ${OFFICER}; Anne Inkoper`, `contractManager; ${ZAANSTAD}; contract@zaanstad.example`, `college; ${ZAANSTAD}; college@zaanstad.example`, `manager; ${ZAANSTAD}; ${MANAGER}`].join('\n'));
  await page.getByLabel('Prestatie-indicatoren').fill('Bereik; inwoners gesproken binnen 5 werkdagen; meetbaar\nErvaren regie; het verhaal van inwoners; verhaal');

  // A value that is no amount: refused, the error next to its field, linked from the summary; what was typed stays.
  await page.getByRole('button', { name: 'Aanbesteding starten' }).click();
  const valueField = page.getByLabel('Geraamde waarde in euro (inclusief opties)');
  await expect(valueField.getAttribute('aria-invalid')).resolves.toBe('true');
  const valueError = page.locator('#veld-estimatedValue-fout');
  await expect(valueError.isVisible()).resolves.toBe(true);
  expect((await valueError.innerText()).trim()).not.toBe('');
  await expect(valueField.getAttribute('aria-describedby')).resolves.toContain('veld-estimatedValue-fout');
  await expect(page.locator('a[href="#veld-estimatedValue"]').count()).resolves.toBe(1);
  await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Sociale Wijkteams Zaanstad 2029');
  expect(await site.h.db.prisma.tender.count({ where: { title: 'Sociale Wijkteams Zaanstad 2029' } })).toBe(0);
  await audit.check(page, 'inkoper-fout-waarde');

  // The plan preview: the steps backwards from the contract start, nothing launched yet.
  await valueField.fill('96.000.000');
  await page.getByRole('button', { name: 'Bekijk planning' }).click();
  const plan = page.getByRole('table', { name: 'Stappen van de aanbesteding met hun uiterste datum' });
  await plan.waitFor();
  const planSteps = await plan.locator('tbody tr').allInnerTexts();
  expect(planSteps).toHaveLength(13);
  expect(planSteps[0]).toContain('Evaluatie huidige contract');
  expect(planSteps.some((row) => row.includes('Publicatie (TenderNed)'))).toBe(true);
  await expect(valueField.getAttribute('aria-invalid')).resolves.toBeNull();
  expect(await site.h.db.prisma.tender.count({ where: { title: 'Sociale Wijkteams Zaanstad 2029' } })).toBe(0);
  await audit.check(page, 'inkoper-planning');

  await page.getByRole('button', { name: 'Aanbesteding starten' }).click();
  await page.waitForURL(/\/aanbestedingen\/[0-9a-f-]{36}\?gestart=1$/);
  await expect(page.getByText('De aanbesteding is gestart.').isVisible()).resolves.toBe(true);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Sociale Wijkteams Zaanstad 2029');
  const timeline = page.getByRole('table', { name: 'Stappen van de aanbesteding, met eigenaar, datum en stand' });
  const steps = await timeline.locator('tbody tr').allInnerTexts();
  expect(steps).toHaveLength(13);
  expect(steps[0]).toMatch(/Evaluatie huidige contract\s+contractmanager, Gemeente Zaanstad/);
  expect(steps.find((row) => row.includes('Publicatie (TenderNed)'))).toContain('inkoper, Gemeente Zaanstad');
  await audit.check(page, 'inkoper-tijdlijn');
  const tenderId = /\/aanbestedingen\/([0-9a-f-]{36})/.exec(page.url())![1];
  expect(await site.h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ title: 'Sociale Wijkteams Zaanstad 2029', leadOrganisation: ZAANSTAD });
});

test('a provider signs in by the link in the mail and delivers its accountability report: figures, stories and a link; the task is done and leaves the list', async () => {
  const report = await eventually(() => openReportOf(dockContract.contractId), (row) => row !== null);
  expect(report).not.toBeNull();
  const page = await newPage();
  await signInByEmailLink(page, site, DOCK.email, audit, 'dock');
  expect(new URL(page.url()).pathname).toBe('/mijn-taken');
  await audit.check(page, 'dock-mijn-taken');

  const row = page.locator('tbody tr').filter({ has: page.locator(`a[href="/taken/${encodeURIComponent(report!.id)}"]`) });
  await expect(row.count()).resolves.toBe(1);
  await expect(row.innerText()).resolves.toContain('Zaanstad Noord');
  await expect(row.innerText()).resolves.toContain('Open');
  await row.getByRole('link', { name: report!.title }).click();
  await page.getByLabel('Cijfer: Bereik').waitFor();
  await expect(mainText(page)).resolves.toContain('Geef per meetbare prestatie-indicator het cijfer');
  await audit.check(page, 'dock-rapportage');

  await page.getByLabel('Samenvatting').fill('Eerste kwartaal: de teams zijn opgebouwd');
  await page.getByLabel('Cijfer: Bereik').fill('87,5');
  await page.getByLabel('Verhaal: Ervaren regie').fill('Inwoners vertellen dat ze sneller geholpen worden');
  await page.getByLabel('Bijlagen (links)').fill('https://dock.example/rapportages/q1.pdf');
  await page.getByRole('button', { name: 'Rapportage indienen' }).click();
  await page.waitForURL(`${site.url}/mijn-taken?afgerond=1`);
  await expect(page.getByText('De taak is afgerond.').isVisible()).resolves.toBe(true);
  await expect(page.locator(`a[href="/taken/${encodeURIComponent(report!.id)}"]`).count()).resolves.toBe(0);
  await audit.check(page, 'dock-afgerond');

  const done = await eventually(() => site.h.db.prisma.task.findUnique({ where: { id: report!.id } }), (t) => t?.status === 'done');
  expect(done).toMatchObject({ status: 'done', outcome: 'Rapportage ingediend', completedByOrganisation: 'DOCK' });
  expect(done!.note).toContain('- Bereik: 87.5');
  expect(done!.note).toContain('Inwoners vertellen dat ze sneller geholpen worden');
  expect(done!.note).toContain('- https://dock.example/rapportages/q1.pdf');

  // The task itself now reads "Afgerond", without a form.
  await page.goto(`${site.url}/taken/${encodeURIComponent(report!.id)}`);
  await expect(mainText(page)).resolves.toContain('Afgerond');
  await expect(page.getByRole('button', { name: 'Rapportage indienen' }).count()).resolves.toBe(0);
  await audit.check(page, 'dock-taak-afgerond');

  // In English on request, the page's language marked as such.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(`${site.url}/taken/${encodeURIComponent(report!.id)}`);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await page.getByRole('navigation').getByRole('link', { name: 'My tasks' }).click();
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('My tasks');
  await audit.check(page, 'dock-mijn-taken-engels');
});

test('a sign-in link works once: opened again, it says so and signs no one in', async () => {
  const first = await newPage();
  await signInByEmailLink(first, site, CONTRACT_MANAGER, audit, 'contractmanager');
  expect(new URL(first.url()).pathname).toBe('/overzicht');
  await expect(first.getByText('Ingelogd als Chris Contractmanager').isVisible()).resolves.toBe(true);

  // The same mail opened again, in another browser.
  const second = await newPage();
  await second.goto(`${site.url}/post`);
  await second.locator('tbody tr').filter({ hasText: CONTRACT_MANAGER }).filter({ hasText: 'Uw inloglink voor regie' }).first().getByRole('link', { name: 'Uw inloglink voor regie' }).click();
  await second.getByTestId('mail-body').locator(`a[href^="${site.url}/inloggen/link?token="]`).click();
  await second.getByRole('button', { name: 'Doorgaan' }).click();
  await second.waitForURL(/\/inloggen\?fout=link/);
  await expect(second.getByText('Inloggen is niet gelukt: de link is verlopen of al gebruikt. Vraag een nieuwe aan.').isVisible()).resolves.toBe(true);
  await audit.check(second, 'link-al-gebruikt');
  await second.goto(`${site.url}/overzicht`);
  await second.waitForURL(/\/inloggen\?terug=%2Foverzicht$/);
  await expect(second.getByText('Ingelogd als').count()).resolves.toBe(0);
});

test('a manager finds an overdue report on the overview with a filter; once the provider delivers it, a reload no longer shows it', async () => {
  const report = await eventually(() => openReportOf(smdContract.contractId), (row) => row !== null);
  expect(report).not.toBeNull();
  expect(toIsoDate(report!.dueDate) < today).toBe(true);

  const manager = await newPage();
  await signInByEmailLink(manager, site, MANAGER, audit, 'manager');
  expect(new URL(manager.url()).pathname).toBe('/overzicht');
  await audit.check(manager, 'manager-overzicht');

  await manager.getByLabel('Opdrachtnemer').fill('SMD');
  await manager.getByLabel('Soort taak').selectOption({ label: 'Verantwoordingsrapportage opdrachtnemer' });
  await manager.getByRole('button', { name: 'Filter toepassen' }).click();
  await manager.waitForURL(/\/overzicht\?.*provider=SMD/);
  const rows = manager.locator('table').first().locator('tbody tr'); // the overdue table (the unowned roles' table is under it)
  const overdueRow = rows.filter({ has: manager.locator(`a[href="/taken/${encodeURIComponent(report!.id)}"]`) });
  await expect(overdueRow.count()).resolves.toBe(1);
  const rowText = await overdueRow.innerText();
  expect(rowText).toContain('Zaanstad Zuid');
  expect(rowText).toContain('contactpersoon opdrachtnemer, SMD');
  expect(rowText).toMatch(/\d+ dagen/);
  // The filter keeps DOCK's report (not overdue anyway) and every other kind out.
  for (const text of await rows.allInnerTexts()) expect(text).toContain('SMD');
  await expect(manager.getByTestId('overdue-total').innerText()).resolves.toMatch(/^1 taak te laat op/);
  await audit.check(manager, 'manager-overzicht-gefilterd');

  const provider = await newPage();
  await signInByEmailLink(provider, site, SMD.email, audit, 'smd');
  await provider.goto(`${site.url}/taken/${encodeURIComponent(report!.id)}`);
  await expect(mainText(provider)).resolves.toContain('Te laat');
  await provider.getByLabel('Samenvatting').fill('Later door personeelstekort');
  await provider.getByLabel('Cijfer: Bereik').fill('64');
  await provider.getByLabel('Verhaal: Ervaren regie').fill('Wachttijden maakten inwoners onzeker');
  await provider.getByRole('button', { name: 'Rapportage indienen' }).click();
  await provider.waitForURL(`${site.url}/mijn-taken?afgerond=1`);
  await eventually(() => site.h.db.prisma.task.findUnique({ where: { id: report!.id } }), (t) => t?.status === 'done');

  await manager.reload();
  await expect(overdueRow.count()).resolves.toBe(0);
  await expect(manager.getByText('Er zijn geen taken te laat.').isVisible()).resolves.toBe(true);
  await expect(manager.getByTestId('overdue-total').innerText()).resolves.toMatch(/^0 taken te laat op/);
  await audit.check(manager, 'manager-overzicht-leeg');
});

test("a provider who edits the URL to another provider's contract or task gets the same 'not found' as for a made-up id, none of its data", async () => {
  const smdTask = await site.h.db.prisma.task.findFirst({ where: { contractId: smdContract.contractId, kind: 'accountabilityReport' } });
  expect(smdTask).not.toBeNull();
  const page = await newPage();
  await signInByEmailLink(page, site, DOCK.email, audit, 'dock-opnieuw');

  // DOCK sees its own contract, so a 404 below is not a page that fails for everyone.
  const own = await page.goto(`${site.url}/contracten/${encodeURIComponent(dockContract.contractId)}`);
  expect(own?.status()).toBe(200);
  await expect(mainText(page)).resolves.toContain('Zaanstad Noord');
  await expect(page.locator('svg[role="img"]').count()).resolves.toBe(1);
  await audit.check(page, 'dock-eigen-contract');

  const visit = async (path: string, name: string) => {
    const response = await page.goto(`${site.url}${path}`);
    const text = await mainText(page);
    await audit.check(page, name);
    return { status: response?.status(), title: await page.title(), text };
  };
  const madeUpContract = await visit('/contracten/zaanstad-zuid-bestaat-niet', 'dock-contract-verzonnen');
  const othersContract = await visit(`/contracten/${encodeURIComponent(smdContract.contractId)}`, 'dock-contract-van-smd');
  const madeUpTask = await visit('/taken/taak-bestaat-niet', 'dock-taak-verzonnen');
  const othersTask = await visit(`/taken/${encodeURIComponent(smdTask!.id)}`, 'dock-taak-van-smd');

  expect(madeUpContract.status).toBe(404);
  expect(madeUpContract.text).toContain('Niet gevonden');
  expect(othersContract).toEqual(madeUpContract);
  expect(madeUpTask).toEqual(madeUpContract);
  expect(othersTask).toEqual(madeUpContract);
  const wholePage = (await page.locator('body').innerText()).toLowerCase();
  for (const secret of ['smd', 'zaanstad zuid', smdContract.contractId, smdTask!.title.toLowerCase(), SMD.email]) {
    expect(othersContract.text.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(wholePage).not.toContain(secret.toLowerCase());
  }
});

test("an organisation's administrator gives a new colleague a role; a bad address is refused next to its field; the colleague signs in to their page", async () => {
  const page = await newPage();
  await signInByEmailLink(page, site, ADMINISTRATOR, audit, 'beheerder');
  expect(new URL(page.url()).pathname).toBe('/beheer/rollen');
  const directory = page.getByRole('table', { name: `Rollen binnen ${ZAANSTAD}` });
  await expect(directory.locator('tbody tr').filter({ hasText: 'Mirjam Manager' }).innerText()).resolves.toContain('manager');
  await audit.check(page, 'beheerder-rollen');

  const assign = page.locator('section', { has: page.getByRole('heading', { name: 'Rol toewijzen' }) });
  await assign.getByLabel('E-mailadres', { exact: true }).fill('nina.nieuw@zaanstad');
  await assign.getByLabel('Naam', { exact: true }).fill('Nina Nieuw');
  await assign.getByLabel('Rol', { exact: true }).selectOption({ label: 'manager' });
  await assign.getByRole('button', { name: 'Rol toewijzen' }).click();
  // A locator looks again on every use: these are the fields of the page the refusal rendered.
  const emailField = assign.getByLabel('E-mailadres', { exact: true });
  await expect(emailField.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.locator('#veld-email-fout').innerText()).resolves.not.toBe('');
  await expect(emailField.inputValue()).resolves.toBe('nina.nieuw@zaanstad');
  expect(await site.h.db.prisma.person.count({ where: { email: { startsWith: 'nina.nieuw@' } } })).toBe(0);
  await audit.check(page, 'beheerder-fout-adres');

  await emailField.fill(NEW_MANAGER);
  await assign.getByRole('button', { name: 'Rol toewijzen' }).click();
  await expect(page.getByText('De rol is toegewezen.').isVisible()).resolves.toBe(true);
  const newRow = page.getByRole('table', { name: `Rollen binnen ${ZAANSTAD}` }).locator('tbody tr').filter({ hasText: 'Nina Nieuw' });
  await expect(newRow.count()).resolves.toBe(1);
  await expect(newRow.innerText()).resolves.toContain('manager');
  await audit.check(page, 'beheerder-toegewezen');

  const colleague = await newPage();
  await signInByEmailLink(colleague, site, NEW_MANAGER, audit, 'nieuwe-manager');
  expect(new URL(colleague.url()).pathname).toBe('/overzicht');
  await expect(colleague.getByText('Ingelogd als Nina Nieuw').isVisible()).resolves.toBe(true);
});

test('the accessibility check itself finds a serious violation on a page that has one', async () => {
  const page = await newPage();
  await page.setContent('<!doctype html><html lang="nl"><head><title>Proef</title></head><body><main><h1>Proef</h1><input type="text" name="naam"><img src="/foto.png"></main></body></html>');
  const violations = await seriousAccessibilityViolations(page);
  expect(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^critical label:/), expect.stringMatching(/^critical image-alt:/)]));
});

test("every page's style sheets and other resources loaded", () => {
  expect(brokenResources).toEqual([]);
});

test('every page the tests visited passes axe (WCAG 2.1 A/AA): no serious or critical violation', () => {
  expect(audit.visited().length).toBeGreaterThanOrEqual(20);
  expect(audit.violations()).toEqual([]);
});
