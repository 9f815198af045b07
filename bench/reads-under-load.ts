/**
 * Reads under load (issue 13): the overdue overview (GET /overview/overdue) and a provider's task list
 * (GET /providers/:organisation/tasks) at 100,000 contracts and 10,000,000 tasks, 32 concurrent clients
 * (autocannon) against the real HTTP API in its own process (bench/reads-under-load-server.ts), each
 * signed in with an API token. Per route: p50/p95/p99 and throughput, the PostgreSQL connections in use,
 * then EXPLAIN (ANALYZE, BUFFERS) of every statement the route runs, with the indexes each plan reads.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/reads-under-load.ts
 *
 * Two phases per route: closed loop (32 connections, each sending its next request as soon as the last
 * one is answered: the server's throughput decides the latency, by Little's law) and paced (each of the
 * 32 clients sends BENCH_RATE requests a second: people clicking, not a queue). Latencies are those of
 * every answered request (autocannon's 'response' event), p95 computed from all of them. The figure
 * against the issue's target is the closed loop's p95, the harder of the two.
 *
 * The data set lives in its own database (BENCH_DATABASE, default regie_bench_reads) on DATABASE_URL's
 * server and is KEPT between runs when its seed matches (the database's comment records sizes and seed
 * version; seeding 10,000,000 tasks takes minutes); pending migrations are applied to it on every run.
 * BENCH_RESEED=1 seeds afresh, BENCH_DROP=1 drops it at the end.
 * Sizes: BENCH_CONTRACTS (100000), BENCH_TASKS (10000000), BENCH_CONNECTIONS (32),
 * BENCH_DURATION (seconds per phase, 20), BENCH_RATE (requests a second per paced client, 2),
 * BENCH_WRITE_RATE (task writes a second in the third phase, 10), BENCH_READ_CACHE=0 (the API without its
 * read cache, api/read-cache.ts: every request to PostgreSQL); the API
 * process takes DATABASE_POOL_SIZE (its connections to PostgreSQL, default 10) from the environment.
 * A benchmark, not a test: it prints figures and fails only when it cannot run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { hashSecretToken, newSecretToken } from '../api/auth/secret-tokens';
import { databasePoolSize } from '../db/client';
import { overdueOverviewQuery, providerTaskListQuery } from '../api/services/overview-queries';
import { visibleClosedTaskIdsSql, visibleOpenTaskIdsSql } from '../api/services/tasks';
import { toIsoDate } from '../domain/dates';
import type { Prisma } from '../generated/prisma/client';
import { applyMigrations } from '../prisma/migrate';
import { BENCH_SEED_VERSION, DIRECT_MUNICIPALITIES, MUNICIPALITIES, MUNICIPALITIES_PER_REGION, municipalityName, providerName, REGIONS, regionName, seedSql, TENDERS } from './reads-under-load-seed';
import { withClient } from '../test/helpers/database';

const CONTRACTS = positiveInt('BENCH_CONTRACTS', 100_000);
const TASKS = positiveInt('BENCH_TASKS', 10_000_000);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 32);
const DURATION_S = positiveInt('BENCH_DURATION', 20);
const RATE = positiveInt('BENCH_RATE', 2);
const WRITE_RATE = positiveInt('BENCH_WRITE_RATE', 10);
const WARMUP_S = 5;
const DATABASE = process.env.BENCH_DATABASE ?? 'regie_bench_reads';
const P95_TARGET_MS = 50;

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The benchmark database: reused when its comment says it holds this seed, else (re)created and seeded. */
async function benchDatabase(serverUrl: string): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = `/${DATABASE}`;
  const signature = `reads-under-load seed v${BENCH_SEED_VERSION}: ${CONTRACTS} contracts, ${TASKS} tasks`;
  const existing = await withClient(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, \'pg_database\') AS comment FROM pg_database WHERE datname = $1',
      [DATABASE],
    );
    return rows[0];
  });
  const reuse = existing !== undefined && existing.comment?.startsWith(signature) === true && process.env.BENCH_RESEED !== '1';
  if (reuse) {
    console.log(`database ${DATABASE}: kept from an earlier run (${existing.comment}); BENCH_RESEED=1 seeds afresh`);
    const { applied } = await applyMigrations(url.toString());
    if (applied.length) {
      console.log(`  applied ${applied.join(', ')}`);
      await withClient(url.toString(), (pg) => pg.query('ANALYZE'));
    }
    return url.toString();
  }

  let started = performance.now();
  await withClient(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
  });
  await applyMigrations(url.toString());
  console.log(`database ${DATABASE}: created and migrated in ${seconds(started)}`);
  await withClient(url.toString(), async (pg) => {
    // Secondary indexes of task are built after the rows are in (much faster than row by row).
    const { rows: indexes } = await pg.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = 'task' AND indexname <> 'task_pkey'`,
    );
    for (const { name } of indexes) await pg.query(`DROP INDEX "${name}"`);
    await pg.query("SET maintenance_work_mem = '1GB'");
    started = performance.now();
    await pg.query(seedSql(CONTRACTS, TASKS));
    console.log(`  seeded ${TENDERS} tenders, ${CONTRACTS} contracts, ${TASKS} tasks in ${seconds(started)}`);
    started = performance.now();
    for (const { definition } of indexes) await pg.query(definition);
    console.log(`  built ${indexes.length} task indexes in ${seconds(started)}`);
    started = performance.now();
    await pg.query('VACUUM (ANALYZE) "tender", "contract", "task"');
    console.log(`  VACUUM ANALYZE in ${seconds(started)}`);
    await pg.query(`COMMENT ON DATABASE "${DATABASE}" IS '${signature}, seeded ${toIsoDate(new Date())}'`);
  });
  return url.toString();
}

interface Principal {
  organisation: string;
  kind: 'municipality' | 'purchasingBody' | 'provider';
  role: 'manager' | 'contractManager' | 'contractContact';
}

/** API tokens made as an administrator would (organisation row, token stored hashed); earlier runs' removed. */
async function apiTokens(pg: Client, principals: readonly Principal[]): Promise<Map<string, string>> {
  await pg.query("DELETE FROM api_token WHERE created_by = 'bench'");
  const headers = new Map<string, string>();
  for (const { organisation, kind, role } of principals) {
    await pg.query(
      `INSERT INTO organisation (id, kind, acts_for, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (id) DO NOTHING`,
      [organisation, kind, []],
    );
    const token = newSecretToken('regie_api');
    await pg.query(
      `INSERT INTO api_token (id, organisation_id, label, roles, token_hash, created_by) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'bench')`,
      [organisation, `bench ${role}`, [role], hashSecretToken(token)],
    );
    headers.set(organisation, `Bearer ${token}`);
  }
  return headers;
}

/** A small deterministic generator, so every run asks the same questions. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Commissioner staff: managers of municipalities inside and outside a region, contract managers of regions. */
const OVERVIEW_PRINCIPALS: Principal[] = [
  ...[1, 13, 30, 77, 150, 222, 301, 336].map((n) => ({ organisation: municipalityName(n), kind: 'municipality' as const, role: 'manager' as const })),
  ...[1, 5, 14, 28].map((n) => ({ organisation: regionName(n), kind: 'purchasingBody' as const, role: 'contractManager' as const })),
  ...[MUNICIPALITIES - DIRECT_MUNICIPALITIES + 2, MUNICIPALITIES].map((n) => ({ organisation: municipalityName(n), kind: 'municipality' as const, role: 'manager' as const })),
];

/** The 8 providers with the most contracts (provider 1 has the most) and 24 smaller ones. */
const PROVIDER_NUMBERS = [...[1, 2, 3, 4, 5, 6, 7, 8], ...Array.from({ length: 24 }, (_, i) => Math.round(10 * 200 ** (i / 23)))];

/** Per commissioner principal: no filter (twice), two kinds, a provider of one of its contracts, a commissioner. */
async function overviewRequests(pg: Client, tokens: Map<string, string>): Promise<autocannon.Request[]> {
  const requests: autocannon.Request[] = [];
  for (const [i, { organisation }] of OVERVIEW_PRINCIPALS.entries()) {
    const { rows } = await pg.query<{ provider: string; commissioner: string }>(
      'SELECT provider, commissioner FROM contract WHERE commissioners && $1::text[] ORDER BY id OFFSET $2 LIMIT 1',
      [[organisation], i * 7],
    );
    const filters: Record<string, string>[] = [{}, {}, { kind: 'accountabilityReport' }, { kind: 'midtermReview' }];
    if (rows[0]) filters.push({ provider: rows[0].provider }, { commissioner: rows[0].commissioner });
    for (const filter of filters) {
      const query = new URLSearchParams(filter).toString();
      requests.push({ method: 'GET', path: `/overview/overdue${query ? `?${query}` : ''}`, headers: { authorization: tokens.get(organisation) as string } });
    }
  }
  return requests;
}

function providerRequests(tokens: Map<string, string>): autocannon.Request[] {
  return PROVIDER_NUMBERS.map((n) => providerName(n)).map((organisation) => ({
    method: 'GET',
    path: `/providers/${encodeURIComponent(organisation)}/tasks`,
    headers: { authorization: tokens.get(organisation) as string },
  }));
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** The most PostgreSQL client connections of the API's database seen during the run (sampled every 200 ms). */
  connections: number;
}

/**
 * One load run: every client cycles through its own shuffled order of `requests`. Closed loop: one
 * autocannon instance with CONNECTIONS connections. Paced: one autocannon instance of one connection per
 * client, each at `connectionRate`, their starts spread over one interval, so requests arrive evenly
 * rather than all clients at the same instant (autocannon's timers of one instance fire together).
 */
async function load(
  url: string,
  requests: readonly autocannon.Request[],
  { durationS, connectionRate, sampler, writes }: { durationS: number; connectionRate?: number; sampler: Client; writes?: TaskWrites },
): Promise<LoadResult> {
  const writing = writes ? setInterval(() => void writeTask(writes), 1000 / writes.perSecond) : undefined;
  const latencies: number[] = [];
  let errors = 0;
  let clientSeed = 1;
  let connections = 0;
  const sampling = setInterval(() => {
    sampler
      .query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
      .then(({ rows }) => (connections = Math.max(connections, rows[0]?.n ?? 0)))
      .catch(() => undefined);
  }, 200);
  const run = (options: { connections: number; connectionRate?: number; startAfterMs: number }) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      setTimeout(() => {
        const instance = autocannon(
          {
            url,
            connections: options.connections,
            duration: durationS,
            timeout: 30,
            ...(options.connectionRate ? { connectionRate: options.connectionRate } : {}),
            requests: [...requests],
            setupClient: (client) => client.setRequests(shuffled(requests, clientSeed++)),
          },
          (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
        );
        instance.on('response', (_client, statusCode, _bytes, responseTime) => {
          if (statusCode === 200) latencies.push(responseTime);
          else errors++;
        });
      }, options.startAfterMs);
    });
  const results = connectionRate
    ? await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => run({ connections: 1, connectionRate, startAfterMs: (i * 1000) / connectionRate / CONNECTIONS })))
    : [await run({ connections: CONNECTIONS, startAfterMs: 0 })];
  clearInterval(sampling);
  clearInterval(writing);
  // Requests still running when autocannon stops go on in the server: wait for them, so they do not weigh on the next run.
  for (let waited = 0; waited < 120; waited++) {
    const { rows } = await sampler.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()",
    );
    if (!rows[0]?.n) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length + errors,
    perSecond: (latencies.length + errors) / durationS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors: errors + results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    connections,
  };
}

/** Writes to tasks during a load run, as the worker's activities do: each announced, so the API's kept answers are read afresh. */
interface TaskWrites {
  client: Client;
  taskIds: string[];
  perSecond: number;
  done: number;
}

/** Touches one open task (its updated_at: what people see stays the same, the write is real). */
function writeTask(writes: TaskWrites): Promise<void> {
  const id = writes.taskIds[writes.done++ % writes.taskIds.length];
  return writes.client.query('UPDATE task SET updated_at = now() WHERE id = $1', [id]).then(
    () => undefined,
    () => undefined,
  );
}

function describe(result: LoadResult): string {
  return `${result.requests} requests (${result.perSecond.toFixed(0)}/s), p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)}, max ${ms(result.max)}, errors ${result.errors}, PostgreSQL connections ${result.connections}`;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement, and the indexes its plan reads (or the tables it scans whole). */
async function explain(pg: Client, label: string, query: Prisma.Sql): Promise<{ label: string; indexes: string[]; seqScans: string[] }> {
  const { rows } = await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values as unknown[]);
  const text = rows.map((row) => row['QUERY PLAN']).join('\n');
  const indexes = [...new Set([...text.matchAll(/(?:using|Bitmap Index Scan on) (\w+)(?: on (\w+))?/g)].map((m) => (m[2] ? `${m[1]} (${m[2]})` : `${m[1]}`)))];
  const seqScans = [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] as string))];
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${label}\n  indexes: ${indexes.join(', ') || 'none'}${seqScans.length ? `\n  SEQUENTIAL SCAN of ${seqScans.join(', ')}` : ''}\n${text}`);
  return { label, indexes, seqScans };
}

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'reads-under-load-server.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const line = await Promise.race([
    once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line').then(([first]) => String(first)),
    exited.then(([code]) => Promise.reject(new Error(`API server exited with ${code}`))),
  ]);
  const port = /^listening (\d+)$/.exec(line)?.[1];
  if (!port) throw new Error(`API server said: ${line}`);
  return { child, url: `http://127.0.0.1:${port}` };
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark keeps its own database there).');
  console.log(`reads under load: ${CONTRACTS} contracts, ${TASKS} tasks; ${REGIONS} regions of ${MUNICIPALITIES_PER_REGION} municipalities, ${MUNICIPALITIES} municipalities; ${CONNECTIONS} clients, ${DURATION_S} s per phase`);
  const databaseUrl = await benchDatabase(serverUrl);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const sampler = new Client({ connectionString: databaseUrl });
  await sampler.connect();
  const server = await startServer(databaseUrl);
  try {
    const { rows: [size] } = await pg.query<{ database: string; task: string; indexes: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS database, pg_size_pretty(pg_table_size('task')) AS task,
              pg_size_pretty(pg_indexes_size('task')) AS indexes`,
    );
    const { rows: shape } = await pg.query<{ status: string; overdue: boolean; n: number }>(
      `SELECT status, status = 'open' AND due_date < CURRENT_DATE AS overdue, count(*)::int AS n FROM task GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    console.log(`database size ${size?.database} (task table ${size?.task}, its indexes ${size?.indexes})`);
    console.log(`tasks: ${shape.map((r) => `${r.status}${r.status === 'open' ? (r.overdue ? ' overdue' : ' not yet due') : ''} ${r.n}`).join(', ')}`);
    const { rows: [biggest] } = await pg.query<{ provider: string; n: number }>('SELECT provider, count(*)::int AS n FROM contract GROUP BY 1 ORDER BY 2 DESC LIMIT 1');
    console.log(`largest provider: ${biggest?.provider} with ${biggest?.n} contracts`);

    const providerPrincipals = PROVIDER_NUMBERS.map((n) => ({ organisation: providerName(n), kind: 'provider' as const, role: 'contractContact' as const }));
    const tokens = await apiTokens(pg, [...OVERVIEW_PRINCIPALS, ...providerPrincipals]);
    const routes = [
      { name: 'overdue overview', route: 'GET /overview/overdue', requests: await overviewRequests(pg, tokens) },
      { name: 'provider task list', route: 'GET /providers/:organisation/tasks', requests: providerRequests(tokens) },
    ];

    // The tasks the third phase writes to: open ones the overviews and provider lists show.
    const { rows: open } = await pg.query<{ id: string }>("SELECT id FROM task WHERE status = 'open' ORDER BY due_date, id LIMIT 1000");
    const openTaskIds = open.map((row) => row.id);
    console.log(`read cache: ${process.env.BENCH_READ_CACHE === '0' ? 'off (BENCH_READ_CACHE=0)' : 'on, as api/main.ts runs (api/read-cache.ts)'}`);

    const figures: string[] = [];
    for (const { name, route, requests } of routes) {
      console.log(`\n${route}: ${requests.length} distinct requests, ${CONNECTIONS} clients`);
      await load(server.url, requests, { durationS: WARMUP_S, sampler });
      const closed = await load(server.url, requests, { durationS: DURATION_S, sampler });
      console.log(`  closed loop, ${DURATION_S} s: ${describe(closed)}`);
      const paced = await load(server.url, requests, { durationS: DURATION_S, connectionRate: RATE, sampler });
      console.log(`  paced at ${RATE}/s per client (${RATE * CONNECTIONS}/s), ${DURATION_S} s: ${describe(paced)}`);
      const writes: TaskWrites = { client: pg, taskIds: openTaskIds, perSecond: WRITE_RATE, done: 0 };
      const written = await load(server.url, requests, { durationS: DURATION_S, sampler, writes });
      console.log(`  closed loop while ${WRITE_RATE} task writes a second reach PostgreSQL (${writes.done} in all), ${DURATION_S} s: ${describe(written)}`);
      const verdict = (p95: number) => (p95 < P95_TARGET_MS ? 'OK' : 'ABOVE TARGET');
      figures.push(
        `${name} p95, ${CONNECTIONS} clients closed loop: ${ms(closed.p95)}   baseline: p95 < ${P95_TARGET_MS} ms   ${verdict(closed.p95)}`,
        `${name} p95, ${CONNECTIONS} clients at ${RATE}/s each: ${ms(paced.p95)}   baseline: p95 < ${P95_TARGET_MS} ms   ${verdict(paced.p95)}`,
        `${name} p95, ${CONNECTIONS} clients closed loop, ${WRITE_RATE} task writes/s: ${ms(written.p95)}   baseline: p95 < ${P95_TARGET_MS} ms   ${verdict(written.p95)}`,
        `${name} throughput, ${CONNECTIONS} clients closed loop: ${closed.perSecond.toFixed(0)}/s (${written.perSecond.toFixed(0)}/s with writes)   baseline: —`,
      );
      if (closed.errors || paced.errors || written.errors) figures.push(`${name} failed requests: ${closed.errors + paced.errors + written.errors}   baseline: 0`);
    }

    const today = toIsoDate(new Date());
    const municipality = OVERVIEW_PRINCIPALS[0]!.organisation;
    const region = OVERVIEW_PRINCIPALS.find((p) => p.kind === 'purchasingBody')!.organisation;
    const smallProvider = providerName(PROVIDER_NUMBERS[PROVIDER_NUMBERS.length - 1]!);
    const { rows: [sample] } = await pg.query<{ provider: string }>('SELECT provider FROM contract WHERE commissioners && $1::text[] ORDER BY id LIMIT 1', [[municipality]]);
    // The statements the routes run (api/services/overview.ts), for a municipality inside a region and a region.
    const plans = [
      await explain(pg, `overview, ${municipality}, no filter`, overdueOverviewQuery({ limit: 100 }, today, [municipality])),
      await explain(pg, `overview, ${region}, no filter`, overdueOverviewQuery({ limit: 100 }, today, [region])),
      await explain(pg, `overview, ${region}, kind accountabilityReport`, overdueOverviewQuery({ kind: 'accountabilityReport', limit: 100 }, today, [region])),
      await explain(pg, `overview, ${municipality}, provider ${sample?.provider}`, overdueOverviewQuery({ provider: sample?.provider, limit: 100 }, today, [municipality])),
      await explain(pg, `overview, ${municipality}, commissioner ${region}`, overdueOverviewQuery({ commissioner: region, limit: 100 }, today, [municipality])),
      await explain(pg, `provider task list, ${providerName(1)} (the largest)`, providerTaskListQuery(providerName(1), today, 200)),
      await explain(pg, `provider task list, ${smallProvider} (a small one)`, providerTaskListQuery(smallProvider, today, 200)),
      // "My tasks" (GET /tasks?status=open and the pages' task list, api/services/tasks.ts), for staff of each kind.
      await explain(pg, `open task list, ${municipality}`, visibleOpenTaskIdsSql([municipality], [], 100)),
      await explain(pg, `open task list, ${region}`, visibleOpenTaskIdsSql([region], [], 100)),
      await explain(pg, `open task list, ${smallProvider} (a small provider)`, visibleOpenTaskIdsSql([smallProvider], [], 100)),
      // The same list of done tasks (GET /tasks?status=done): of every task, not only the open ones.
      await explain(pg, `done task list, ${municipality}`, visibleClosedTaskIdsSql([municipality], 'done', [], 100)),
      await explain(pg, `done task list, ${region}`, visibleClosedTaskIdsSql([region], 'done', [], 100)),
      await explain(pg, `done task list, ${providerName(1)} (the largest provider)`, visibleClosedTaskIdsSql([providerName(1)], 'done', [], 100)),
      await explain(pg, `done task list, ${smallProvider} (a small provider)`, visibleClosedTaskIdsSql([smallProvider], 'done', [], 100)),
    ];
    const unindexed = plans.filter((plan) => plan.seqScans.length);

    const { rows: [connections] } = await pg.query<{ max: number }>('SELECT setting::int AS max FROM pg_settings WHERE name = $1', ['max_connections']);
    console.log(`\nPostgreSQL: ${size?.database}, max_connections ${connections?.max}; the API process's pool holds at most ${databasePoolSize()} connections (DATABASE_POOL_SIZE, db/client.ts)`);
    console.log('');
    for (const line of figures) console.log(line);
    console.log(`database size: ${size?.database}   baseline: —`);
    console.log(`plans reading a table whole: ${unindexed.length ? unindexed.map((plan) => `${plan.label} (${plan.seqScans.join(', ')})`).join('; ') : 'none'}   baseline: none`);
  } finally {
    server.child.stdin?.end();
    await once(server.child, 'exit');
    await sampler.end();
    await pg.end();
    if (process.env.BENCH_DROP === '1') {
      await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`));
      console.log(`dropped database ${DATABASE}`);
    } else {
      console.log(`kept database ${DATABASE} for the next run (BENCH_DROP=1 drops it)`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
