/**
 * Headless Chromium for the browser tests: Debian's `chromium` package (Playwright's own browser download
 * is not reachable here) driven by playwright-core; axe-core checks every page; screenshots are kept as
 * test artefacts in test-results/browser/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.join(__dirname, '../../test-results/browser');

/** Debian's chromium (CHROMIUM_PATH, set by .ci/run, or /usr/bin/chromium); root needs --no-sandbox. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** The axe violations of impact serious or critical against WCAG 2.1 A and AA, as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
}

/** A full-page screenshot, kept as an artefact: test-results/browser/<name>.png. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Every page a browser test visits, checked with axe and screenshotted; `violations()` lists the serious
 * and critical ones per URL, for one assertion at the end of a file.
 */
export class PageAudit {
  private readonly found = new Map<string, string[]>();
  private shots = 0;

  constructor(private readonly prefix: string) {}

  /** Checks the page as it is now and keeps its screenshot (test-results/browser/<prefix>-<nn>-<name>.png). */
  async check(page: Page, name: string): Promise<void> {
    if (this.shots === 0) this.removeEarlierScreenshots();
    await page.waitForLoadState('load');
    const url = new URL(page.url());
    const key = `${url.pathname}${url.search}`;
    const violations = await seriousAccessibilityViolations(page);
    this.found.set(key, [...(this.found.get(key) ?? []), ...violations.filter((v) => !this.found.get(key)?.includes(v))]);
    this.shots += 1;
    await keepScreenshot(page, `${this.prefix}-${String(this.shots).padStart(2, '0')}-${name}`);
  }

  /** A run's screenshots replace the previous run's of the same prefix, so that the folder shows one run. */
  private removeEarlierScreenshots(): void {
    if (!existsSync(SCREENSHOT_DIR)) return;
    for (const file of readdirSync(SCREENSHOT_DIR)) if (file.startsWith(`${this.prefix}-`) && file.endsWith('.png')) rmSync(path.join(SCREENSHOT_DIR, file));
  }

  /** The URLs checked so far (path and query). */
  visited(): string[] {
    return [...this.found.keys()];
  }

  /** `<url>: <violation>` for every serious or critical violation found. */
  violations(): string[] {
    return [...this.found].flatMap(([url, violations]) => violations.map((v) => `${url}: ${v}`));
  }
}

/**
 * What a page loads by itself; the pages run no script, so a fetch or XHR comes from the test's tools
 * (axe fetches the style sheets again to read them, which the pages' Content-Security-Policy refuses).
 */
const PAGE_RESOURCE_TYPES = new Set(['stylesheet', 'image', 'font', 'script', 'media']);

/** Records in `into` every style sheet, image, font or script of the page that did not load. */
export function recordBrokenResources(page: Page, into: string[]): void {
  page.on('response', (response) => {
    const request = response.request();
    if (PAGE_RESOURCE_TYPES.has(request.resourceType()) && response.status() >= 400) into.push(`${request.resourceType()} ${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    if (PAGE_RESOURCE_TYPES.has(request.resourceType())) into.push(`${request.resourceType()} failed ${request.url()}: ${request.failure()?.errorText ?? ''}`);
  });
}

/** The visible text of the page's main content, whitespace collapsed. */
export async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}
