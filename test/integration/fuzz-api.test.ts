/**
 * Fuzzing: schemathesis (PyPI, `pip install schemathesis`; `.ci/run` installs it) generates requests from
 * the served OpenAPI document, valid and invalid, against the API on a real Temporal dev server with a
 * worker, a real database and SMTP, and checks that none is answered with a server error (5xx). Every
 * request carries a commissioner's API token, so the generated requests pass authentication and reach
 * the routes' access checks, services and workflows.
 * Bounded: a fixed number of examples per operation, with a fixed seed so a failure reproduces.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { createDevServerEnv } from '../helpers/temporal';

const SCHEMATHESIS = process.env.SCHEMATHESIS ?? 'st';
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 25);

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let baseUrl: string;
let dir: string;
let zaanstad: ApiTokenHeaders;

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail, temporalDeadlineMs: 10_000 }, { logger: false });
  await api.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(os.tmpdir(), 'regie-fuzz-'));
  zaanstad = await apiTokenFor(h.db.prisma, 'Gemeente Zaanstad', ['procurementOfficer', 'contractManager', 'manager', 'college'], { label: 'fuzz' });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await api?.close();
  await h?.close();
  await services?.close();
});

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // In the temporary directory: schemathesis keeps its example database (.schemathesis/) in the working directory.
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', PYTHONIOENCODING: 'utf-8' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new Error(`${command} could not run (${error.message}): install schemathesis with \`pip install schemathesis\` or set SCHEMATHESIS to its st command`)),
    );
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/**
 * A running tender (with its first task) and a running contract term, so that the generated requests
 * reach the workflows' validators and handlers instead of stopping at 404.
 */
async function seed(): Promise<Record<string, string>> {
  const { launchedBy: _launchedBy, ...body } = zaanstadLaunch(addDaysTo(toIsoDate(new Date()), 450));
  const launch = await api.inject({ method: 'POST', url: '/tenders', headers: { ...zaanstad }, payload: body });
  expect(launch.statusCode).toBe(201);
  const tenderId = launch.json<{ id: string }>().id;
  let task = await h.db.prisma.task.findFirst({ where: { tenderId } });
  for (let i = 0; !task && i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    task = await h.db.prisma.task.findFirst({ where: { tenderId } });
  }
  const contract = zaanstadContract(addDaysTo(toIsoDate(new Date()), 30));
  const workflowId = contractWorkflowId(contract.contractId);
  await h.db.prisma.contract.create({ data: contractRow(contract) });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId, args: [contract] });
  return { 'path.tenderId': tenderId, 'path.taskId': task!.id, 'path.contractId': contract.contractId, 'path.organisation': 'DOCK' };
}

test('schemathesis finds no server error in any operation of the OpenAPI document', async () => {
  const parameters = await seed();
  // Forget the seed's use of the token: afterwards, its "last used" shows schemathesis sent it.
  await h.db.prisma.apiToken.updateMany({ where: { label: 'fuzz' }, data: { lastUsedAt: null } });
  // Every operation's path parameters point at the seeded tender, task and contract (schemathesis.toml).
  await writeFile(path.join(dir, 'schemathesis.toml'), `[parameters]\n${Object.entries(parameters).map(([k, v]) => `"${k}" = "${v}"`).join('\n')}\n`);
  const { code, output } = await run(SCHEMATHESIS, [
    'run',
    `${baseUrl}/openapi.json`,
    '-H',
    `Authorization: ${zaanstad.authorization}`,
    '--checks',
    'not_a_server_error',
    '--max-examples',
    String(MAX_EXAMPLES),
    '--generation-deterministic',
    '--request-timeout',
    '30',
    '--workers',
    '1',
    '--no-color',
  ]);
  if (code !== 0) console.log(output);
  expect((await h.db.prisma.apiToken.findFirst({ where: { label: 'fuzz' } }))?.lastUsedAt).toBeInstanceOf(Date);
  expect(output).toMatch(/passed|No issues found/i);
  expect(code).toBe(0);
}, 480_000);
