/**
 * The whole product on a real port for the browser tests, as the embedded default runs it: a Temporal dev
 * server with the regie worker, a fresh PostgreSQL database, the SMTP capture (so that /post shows the mail
 * regie sent, sign-in links among it) and the API with its pages on http://127.0.0.1:<port>, the address
 * the sign-in links in mail point at. One per test file; close() stops it all.
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { startReadCache } from '../../api/read-cache';
import { buildApi } from '../../api/server';
import { createMailer, type Mailer } from '../../mail/transport';
import type { PageAudit } from './browser';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from './regie-worker';
import { createDevServerEnv } from './temporal';

export interface BrowserSite {
  /** Where Chromium reaches regie, e.g. http://127.0.0.1:41234 (no trailing slash); PUBLIC_URL of the API. */
  url: string;
  /** The worker, the Temporal client, the database and the mail capture. */
  h: Harness;
  api: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A free port on loopback. The API needs its public address (the links in mail) before it is built, so
 * the port is chosen first and the API listens on it right after.
 */
async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (!address || typeof address === 'string') throw new Error('no port for the browser site');
  return address.port;
}

export async function startBrowserSite(): Promise<BrowserSite> {
  let services: TestServices | undefined;
  let h: Harness | undefined;
  let api: FastifyInstance | undefined;
  let mailer: Mailer | undefined;
  let reads: Awaited<ReturnType<typeof startReadCache>>;
  const close = async () => {
    await api?.close();
    await reads?.feed.close();
    mailer?.transporter.close();
    await h?.close();
    await services?.close();
  };
  try {
    services = await startTestServices();
    h = await startWorkerOn(await createDevServerEnv(), services);
    const port = await freeLoopbackPort();
    const url = `http://127.0.0.1:${port}`;
    mailer = createMailer({ smtpUrl: h.mail.url });
    // As api/main.ts runs it: with the read cache, so the people's flows check that what they just did shows.
    reads = await startReadCache(h.db.url, { log: () => {} });
    api = await buildApi(
      { prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail, mailer, publicUrl: url, ...(reads ? { readCache: reads.cache } : {}) },
      { logger: false },
    );
    await api.listen({ host: '127.0.0.1', port });
    return { url, h, api, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const SIGN_IN_SUBJECT = 'Uw inloglink voor regie';

/** How many sign-in mails the capture holds for `email` (bookkeeping: which row on /post is the new one). */
function signInMailsTo(site: BrowserSite, email: string): number {
  return site.h.mail.messages().filter((m) => m.subject === SIGN_IN_SUBJECT && m.to.includes(email)).length;
}

/**
 * Signs in the way a person does on the embedded default: /inloggen, the address typed and sent, the
 * mail opened on /post (reloaded until it has arrived), its link followed, "Doorgaan" pressed. Every page
 * on the way goes through `audit`. Resolves on the page the sign-in lands on.
 */
export async function signInByEmailLink(page: Page, site: BrowserSite, email: string, audit: PageAudit, name: string): Promise<void> {
  const before = signInMailsTo(site, email);
  await page.goto(`${site.url}/inloggen`);
  await audit.check(page, `${name}-inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await page.getByText('Als dit adres bij ons bekend is, is er een inloglink naartoe gestuurd.').waitFor();
  await audit.check(page, `${name}-link-verstuurd`);

  await page.getByRole('link', { name: 'Open de post' }).click();
  const rows = page.locator('tbody tr').filter({ hasText: SIGN_IN_SUBJECT }).filter({ hasText: email });
  for (const deadline = Date.now() + 10_000; (await rows.count()) <= before; ) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email} on /post`);
    await page.waitForTimeout(200);
    await page.reload();
  }
  await audit.check(page, `${name}-post`);
  // Newest first: the first row is the mail just sent.
  await rows.first().getByRole('link', { name: SIGN_IN_SUBJECT }).click();
  await page.getByTestId('mail-body').waitFor();
  await audit.check(page, `${name}-inlogmail`);

  await page.getByTestId('mail-body').locator(`a[href^="${site.url}/inloggen/link?token="]`).click();
  await page.getByRole('heading', { name: 'Inloggen bevestigen' }).waitFor();
  await audit.check(page, `${name}-bevestigen`);
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}
