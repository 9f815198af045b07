import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER } from '../../api/auth/csrf';
import { SIGN_IN_LINKS_PER_EMAIL, SIGN_IN_REQUESTS_PER_IP } from '../../api/auth/rate-limits';
import { buildApi } from '../../api/server';
import { loadEnv, trustProxyOf } from '../../config/env';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer, type Mailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { cookieHeader, csrfPair, personWithRoles } from '../helpers/sessions';

// Rate limits on signing in: per client IP on every sign-in route, per address on link requests.

let db: TestDatabase;
let capture: MailCapture;
let mailer: Mailer;
let temporal: Client;
let api: FastifyInstance;
let csrf: { cookie: string; [CSRF_HEADER]: string };

beforeAll(async () => {
  db = await createTestDatabase();
  capture = await startMailCapture();
  mailer = createMailer({ smtpUrl: capture.url, from: 'regie <noreply@regie.local>' });
  temporal = new Client(); // lazy: these routes never use it
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused', mailer }, { logger: false });
  const pair = await csrfPair(api);
  csrf = { cookie: cookieHeader(pair.cookies), [CSRF_HEADER]: pair.token };
  await personWithRoles(db.prisma, 'veel@smd.nl', [{ role: 'contractContact', organisation: 'SMD', kind: 'provider' }]);
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  mailer?.transporter.close();
  await capture?.stop();
  await db?.drop();
});

const requestLink = (email: string, remoteAddress: string) =>
  api.inject({ method: 'POST', url: '/auth/email-link', remoteAddress, headers: csrf, payload: { email } });

describe('sign-in rate limits', () => {
  it(`${SIGN_IN_LINKS_PER_EMAIL} links per address per 15 minutes, from any IP; then 429 with Retry-After, and no more links`, async () => {
    for (let i = 0; i < SIGN_IN_LINKS_PER_EMAIL; i++) expect((await requestLink('veel@smd.nl', `10.1.0.${i}`)).statusCode).toBe(202);
    const refused = await requestLink('VEEL@smd.nl', '10.1.1.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(refused.json().message).toMatch(/Te veel pogingen/);
    expect(await db.prisma.signInLink.count({ where: { email: 'veel@smd.nl' } })).toBe(SIGN_IN_LINKS_PER_EMAIL);
    // Another address is not limited by it.
    expect((await requestLink('ander@smd.nl', '10.1.1.2')).statusCode).toBe(202);
  });

  it(`${SIGN_IN_REQUESTS_PER_IP} sign-in requests per IP per 15 minutes, whatever the address; then 429 with Retry-After`, async () => {
    for (let i = 0; i < SIGN_IN_REQUESTS_PER_IP; i++) expect((await requestLink(`onbekend${i}@example.org`, '10.2.0.1')).statusCode).toBe(202);
    const refused = await requestLink('nog-een@example.org', '10.2.0.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Confirming links from that IP is limited on its own; another IP is not limited at all.
    const confirm = await api.inject({ method: 'POST', url: '/auth/email-link/confirm', remoteAddress: '10.2.0.1', headers: csrf, payload: { token: 'regie_link_x' } });
    expect(confirm.statusCode).toBe(400);
    expect((await requestLink('nog-een@example.org', '10.2.0.2')).statusCode).toBe(202);
  });

  it("behind a trusted proxy (TRUST_PROXY) the limit counts the person's IP from X-Forwarded-For, not the proxy's", async () => {
    const proxied = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused', mailer }, { logger: false, trustProxy: trustProxyOf(loadEnv({ TRUST_PROXY: '1' })) });
    try {
      const pair = await csrfPair(proxied);
      let requests = 0;
      const viaProxy = (client: string) =>
        proxied.inject({
          method: 'POST',
          url: '/auth/email-link',
          remoteAddress: '10.9.9.9',
          headers: { cookie: cookieHeader(pair.cookies), [CSRF_HEADER]: pair.token, 'x-forwarded-for': client },
          payload: { email: `proxy-${++requests}@example.org` }, // another address each time: only the IP limit counts
        });
      for (let i = 0; i < SIGN_IN_REQUESTS_PER_IP; i++) expect((await viaProxy('192.0.2.1')).statusCode).toBe(202);
      expect((await viaProxy('192.0.2.1')).statusCode).toBe(429);
      expect((await viaProxy('192.0.2.2')).statusCode).toBe(202); // another person behind the same proxy
    } finally {
      await proxied.close();
    }
  });

  it('guessing link tokens from one IP is stopped too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_REQUESTS_PER_IP; i++) {
      const response = await api.inject({ method: 'POST', url: '/auth/email-link/confirm', remoteAddress: '10.3.0.1', headers: csrf, payload: { token: `regie_link_guess${i}` } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, SIGN_IN_REQUESTS_PER_IP)).toEqual(Array(SIGN_IN_REQUESTS_PER_IP).fill(400));
    expect(statuses[SIGN_IN_REQUESTS_PER_IP]).toBe(429);
  });
});
