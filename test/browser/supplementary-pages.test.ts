/**
 * The pages of supplementary assignments in headless Chromium, on the whole product (Temporal dev server
 * and worker, PostgreSQL, the SMTP capture, the API and its pages on a real port), each person signing in
 * by the link in the mail: the contract manager takes a request in through the form (a bad amount shown
 * next to its field first), the joint panel vets it, the contract manager reads the overview across
 * Zaanstad's contracts. Every page on the way is checked with axe (WCAG 2.1 A/AA, serious and critical)
 * and kept as a screenshot in test-results/browser/; every style sheet must load.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { launchChromium, mainText, PageAudit, recordBrokenResources } from '../helpers/browser';
import { type BrowserSite, signInByEmailLink, startBrowserSite } from '../helpers/browser-site';
import { personWithRoles } from '../helpers/sessions';

const ZAANSTAD = 'Gemeente Zaanstad';
const CONTRACT_MANAGER = 'contractmanagement@zaanstad.example';
const PANEL = 'gremium@zaanstad.example';
const today = toIsoDate(new Date());

let site: BrowserSite;
let browser: Browser;
const contexts: BrowserContext[] = [];
const audit = new PageAudit('aanvullend');
const brokenResources: string[] = [];
const contract = zaanstadContract(addDaysTo(today, 30));
const pagePath = `/contracten/${contract.contractId}/aanvullende-opdrachten`;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  const page = await context.newPage();
  recordBrokenResources(page, brokenResources);
  return page;
}

beforeAll(async () => {
  [site, browser] = await Promise.all([startBrowserSite(), launchChromium()]);
  const prisma = site.h.db.prisma;
  await personWithRoles(prisma, CONTRACT_MANAGER, [{ role: 'contractManager', organisation: ZAANSTAD }], { name: 'Chris Contractmanager' });
  await personWithRoles(prisma, PANEL, [{ role: 'jointPanel', organisation: ZAANSTAD }], { name: 'Gerda Gremium' });
  await personWithRoles(prisma, 'contract@dock.example', [{ role: 'contractContact', organisation: 'DOCK', kind: 'provider' }], { name: 'Dirk van DOCK' });
  await prisma.contract.create({ data: { ...contractRow(contract), status: 'active', terms: contract.terms } });
  await site.h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: site.h.taskQueue, workflowId: contractWorkflowId(contract.contractId), args: [contract] });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await site?.close();
});

test('the contract manager takes a request in, the joint panel vets it, the overview counts it; every page passes axe', async () => {
  const manager = await newPage();
  await signInByEmailLink(manager, site, CONTRACT_MANAGER, audit, 'contractmanager');
  await manager.goto(`${site.url}${pagePath}`);
  await expect(mainText(manager)).resolves.toContain('Er zijn nog geen aanvullende opdrachten aangevraagd.');
  await audit.check(manager, 'contractmanager-leeg');

  await manager.getByLabel('Titel').fill('Schoolmaatschappelijk werk Krommenie');
  await manager.getByLabel('Thema', { exact: true }).fill('Preventie jeugd');
  await manager.getByLabel('Budget (euro)').fill('veel');
  await manager.getByLabel('Begindatum').fill(addDaysTo(today, 60));
  await manager.getByLabel('Einddatum').fill(addDaysTo(today, 425));
  await manager.getByLabel('Soort herkomst').selectOption('municipalDepartment');
  await manager.getByLabel('Herkomst', { exact: true }).fill('Afdeling Onderwijs');
  await manager.getByLabel('Aangevraagd door').fill('Team leerplicht');
  await manager.getByRole('button', { name: 'Aanvraag indienen' }).click();
  const budget = manager.getByLabel('Budget (euro)');
  await expect(budget.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(manager.locator('#veld-budget-fout').innerText()).resolves.toContain('Vul een getal in');
  await expect(manager.locator('a[href="#veld-budget"]').count()).resolves.toBe(1);
  await expect(manager.getByLabel('Titel').inputValue()).resolves.toBe('Schoolmaatschappelijk werk Krommenie');
  await audit.check(manager, 'contractmanager-fout-budget');

  await budget.fill('40.000');
  await manager.getByRole('button', { name: 'Aanvraag indienen' }).click();
  await manager.waitForURL(`${site.url}${pagePath}?gelukt=intake`);
  const table = manager.getByRole('table', { name: 'Aanvullende opdrachten van dit contract, in volgorde van binnenkomst' });
  await expect(table.locator('tbody tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/Schoolmaatschappelijk werk Krommenie\s+Preventie jeugd\s+Gemeentelijke afdeling: Afdeling Onderwijs\s+nee\s+Ter toetsing bij het gremium/)]);
  await audit.check(manager, 'contractmanager-aangevraagd');

  const panel = await newPage();
  await signInByEmailLink(panel, site, PANEL, audit, 'gremium');
  await panel.goto(`${site.url}${pagePath}`);
  await audit.check(panel, 'gremium-toetsing');
  await panel.getByLabel('Besluit', { exact: true }).selectOption('accept');
  await panel.getByLabel('Route', { exact: true }).selectOption('deMinimis');
  await panel.getByLabel('Motivering').fill('Past in de geest van de opdracht: preventie in de wijk');
  await panel.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await panel.waitForURL(`${site.url}${pagePath}?gelukt=vetting`);
  await expect(panel.locator('tbody tr').first().innerText()).resolves.toContain('Kleine wijziging, de-minimis (Aw 2012 art. 2.163b)');
  await expect(mainText(panel)).resolves.toContain('Er wacht geen aanvraag op toetsing.');
  await audit.check(panel, 'gremium-getoetst');

  await manager.goto(`${site.url}/overzicht/aanvullende-opdrachten`);
  await expect(manager.getByTestId('supplementary-totals').innerText()).resolves.toMatch(/^1 aanvaarde aanvullende opdracht voor Gemeente Zaanstad, samen €\s*40\.000,00\.$/);
  await audit.check(manager, 'contractmanager-overzicht');

  expect(audit.violations()).toEqual([]);
  expect(brokenResources).toEqual([]);
});
