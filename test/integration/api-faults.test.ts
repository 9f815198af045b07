/**
 * The API under faults, on a real Temporal dev server and real databases: PostgreSQL or Temporal not
 * there is 503 with Retry-After, Temporal not answering within the deadline 504, never 500; input no
 * route can store (a NUL character) or check (no commissioners) is 400 naming the field; every route
 * documents its answers, the error shape included.
 */
import net from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { createPrismaClient } from '../../db/client';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { startTestServices, type TestServices } from '../helpers/regie-worker';
import { createDevServerEnv } from '../helpers/temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

let services: TestServices;
let env: TestWorkflowEnvironment;
let zaanstad: ApiTokenHeaders;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  services = await startTestServices();
  env = await createDevServerEnv();
  zaanstad = await apiTokenFor(services.db.prisma, 'Gemeente Zaanstad', ['procurementOfficer', 'contractManager', 'manager']);
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await env?.teardown();
  await services?.close();
});

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function api(overrides: Partial<Parameters<typeof buildApi>[0]> = {}): Promise<FastifyInstance> {
  const app = await buildApi({ prisma: services.db.prisma, temporal: env.client, taskQueue: 'no-worker-here', ...overrides }, { logger: false });
  closers.push(() => app.close());
  return app;
}

const contractStart = addDaysTo(toIsoDate(new Date()), 450);

/** The launch as a client posts it: who launches comes from the token. */
function launchBody() {
  const { launchedBy: _launchedBy, ...launch } = zaanstadLaunch(contractStart);
  return launch;
}

test('a NUL character in any string input is refused with 400 naming the field, not a 500 from PostgreSQL', async () => {
  const app = await api();
  const contracts = await app.inject({ method: 'GET', url: '/contracts?provider=%00', headers: { ...zaanstad } });
  expect(contracts.statusCode).toBe(400);
  expect(contracts.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', issues: [{ field: 'query.provider' }] });

  const task = await app.inject({ method: 'POST', url: '/tasks/abc%00/complete', headers: { ...zaanstad }, payload: { outcome: 'klaar' } });
  expect(task.statusCode).toBe(400);
  expect(task.json().issues[0].field).toBe('params.taskId');

  const tender = await app.inject({ method: 'POST', url: '/tenders', headers: { ...zaanstad }, payload: { ...launchBody(), title: 'Wijkteams\u0000 Zaanstad' } });
  expect(tender.statusCode).toBe(400);
  expect(tender.json().issues[0].field).toBe('title');
});

test('a tender without commissioners is refused with 400 naming commissioners', async () => {
  const app = await api();
  const response = await app.inject({ method: 'POST', url: '/tenders', headers: { ...zaanstad }, payload: { ...launchBody(), commissioners: [] } });
  expect(response.statusCode).toBe(400);
  expect(response.json().issues.map((i: { field: string }) => i.field)).toContain('commissioners');
});

test('PostgreSQL unreachable: 503 with Retry-After on reads and actions (the token cannot be checked either)', async () => {
  const prisma = createPrismaClient(`postgresql://regie:regie@127.0.0.1:${await closedPort()}/regie`);
  closers.push(() => prisma.$disconnect());
  const app = await api({ prisma });
  for (const url of ['/contracts', '/tenders', '/overview/overdue', '/overview/failed-notifications', '/tasks?organisation=DOCK', '/contracts/c-1']) {
    const response = await app.inject({ method: 'GET', url, headers: { ...zaanstad } });
    expect({ url, status: response.statusCode }).toEqual({ url, status: 503 });
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  }
  const complete = await app.inject({ method: 'POST', url: '/tasks/t-1/complete', headers: { ...zaanstad }, payload: { outcome: 'klaar' } });
  expect(complete.statusCode).toBe(503);
});

test('Temporal unreachable: 503 with Retry-After', async () => {
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, connectTimeout: 1_000 });
  closers.push(() => connection.close());
  const app = await api({ temporal: new Client({ connection }), temporalDeadlineMs: 2_000 });
  const response = await app.inject({ method: 'POST', url: '/tenders', headers: { ...zaanstad }, payload: launchBody() });
  expect(response.statusCode).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
});

test('Temporal not answering within the deadline: 504 (here no worker takes the launch)', async () => {
  const app = await api({ temporalDeadlineMs: 1_500 });
  const started = Date.now();
  const response = await app.inject({ method: 'POST', url: '/tenders', headers: { ...zaanstad }, payload: launchBody() });
  expect(response.statusCode).toBe(504);
  expect(response.json()).toMatchObject({ statusCode: 504, error: 'Gateway Timeout' });
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('every route documents a success answer and the error shape for 4xx and 5xx', async () => {
  const app = await api();
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  expect(operations.length).toBeGreaterThan(15);
  for (const { path, method, op } of operations) {
    const codes = Object.keys(op.responses);
    expect({ path, method, success: codes.some((c) => c.startsWith('2')) }).toEqual({ path, method, success: true });
    for (const error of ['4XX', '5XX']) {
      const schema = op.responses[error]?.content?.['application/json']?.schema as { properties?: Record<string, unknown> } | undefined;
      expect({ path, method, error, fields: Object.keys(schema?.properties ?? {}).sort() }).toEqual({ path, method, error, fields: ['error', 'issues', 'message', 'statusCode'] });
    }
  }
});
