/**
 * Fuzzing: schemathesis (PyPI, `pip install schemathesis`; `.ci/run` installs it) generates requests from
 * the served OpenAPI document, valid and invalid, against the API on a real Temporal dev server with a
 * worker, a real database and SMTP, and checks that none is answered with a server error (5xx).
 * Bounded: a fixed number of examples per operation, with a fixed seed so a failure reproduces.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { createDevServerEnv } from '../helpers/temporal';

const SCHEMATHESIS = process.env.SCHEMATHESIS ?? 'st';
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 25);

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail, temporalDeadlineMs: 10_000 }, { logger: false });
  await api.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', PYTHONIOENCODING: 'utf-8' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new Error(`${command} could not run (${error.message}): install schemathesis with \`pip install schemathesis\` or set SCHEMATHESIS to its st command`)),
    );
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test('schemathesis finds no server error in any operation of the OpenAPI document', async () => {
  const { code, output } = await run(SCHEMATHESIS, [
    'run',
    `${baseUrl}/openapi.json`,
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
  expect(output).toMatch(/passed|No issues found/i);
  expect(code).toBe(0);
}, 480_000);
