/**
 * Benchmark 2 of the contract term issue: the managers' overdue overview with 10,000 contracts and
 * 1,000,000 tasks in PostgreSQL. Prints p50 and p95 latency of GET /overview/overdue (in-process,
 * app.inject, one request at a time, mixed filters, each signed in as a manager of the contract's
 * commissioner) next to the baseline (p95 < 50 ms), and EXPLAIN ANALYZE of the main query.
 * Under load and at 100,000 contracts and 10,000,000 tasks: bench/reads-under-load.ts.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/overdue-overview.ts
 *
 * Builds a fresh, migrated database on DATABASE_URL's server and drops it afterwards (BENCH_KEEP=1
 * keeps it). Sizes: BENCH_CONTRACTS (10000), BENCH_TASKS (1000000), BENCH_REQUESTS (200).
 * A benchmark, not a test: it prints figures and fails only when it cannot run.
 */
import { performance } from 'node:perf_hooks';
import { Client as TemporalClient } from '@temporalio/client';
import { Client } from 'pg';
import { overdueTasksQuery, overdueTotalsQuery, type OverdueFilters } from '../api/routes/overview';
import { buildApi } from '../api/server';
import { toIsoDate } from '../domain/dates';
import { Prisma } from '../generated/prisma/client';
import { createTestDatabase } from '../test/helpers/database';
import { type ApiTokenHeaders, apiTokenFor } from '../test/helpers/principals';

const CONTRACTS = positiveInt('BENCH_CONTRACTS', 10_000);
const TASKS = positiveInt('BENCH_TASKS', 1_000_000);
const REQUESTS = positiveInt('BENCH_REQUESTS', 200);
const WARMUP = 20;
const COMMISSIONERS = 50;
const PROVIDERS = 300;
const TENDERS = 500;
const P95_BASELINE_MS = 50;

const CONTRACT_KINDS = [
  'accountabilityReport',
  'accountabilityConversation',
  'followUpAction',
  'indexationReview',
  'budgetCycle',
  'midtermReview',
  'renewalEvaluation',
  'extensionDecision',
];

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const commissionerName = (n: number) => `Gemeente ${String(n).padStart(2, '0')}`;
const providerName = (n: number) => `Aanbieder ${String(n).padStart(3, '0')}`;

/**
 * The whole data set in three INSERT … SELECT generate_series statements. Per task, by one draw r:
 * 5% open and overdue (1..365 days, most only a little), 10% open and due later, 81% done, 4% cancelled.
 * 3% are tender tasks (commissioner = lead organisation, no provider), the rest contract tasks whose
 * kind decides the owner: the provider's contact person, or the commissioner's contract manager or manager.
 */
const SEED_SQL = `
SELECT setseed(0.42);

INSERT INTO "tender" ("id", "workflow_id", "title", "procurement_form", "lead_organisation", "estimated_value_cents",
                      "contract_start", "term_years", "phase", "status", "launch", "launched_at", "updated_at")
SELECT 'tender-' || g, 'tender-wf-' || g, 'Aanbesteding sociaal domein ' || g, 'europeanOpen',
       'Gemeente ' || lpad((((g - 1) % ${COMMISSIONERS}) + 1)::text, 2, '0'), 1000000000, DATE '2022-01-01', 8,
       'completed', 'completed', '{}', now(), now()
FROM generate_series(1, ${TENDERS}) g;

INSERT INTO "contract" ("id", "workflow_id", "tender_id", "lot_id", "lot_title", "commissioner", "provider", "value_cents",
                        "start_date", "end_date", "status", "terms", "commissioners", "updated_at")
SELECT 'contract-' || g, 'contract-term-' || g, 'tender-' || (((g - 1) % ${TENDERS}) + 1),
       'perceel-' || ((g - 1) / ${TENDERS} + 1), 'Perceel ' || ((g - 1) / ${TENDERS} + 1),
       'Gemeente ' || lpad((((g - 1) % ${COMMISSIONERS}) + 1)::text, 2, '0'),
       'Aanbieder ' || lpad((((g * 7919) % ${PROVIDERS}) + 1)::text, 3, '0'),
       50000000, DATE '2022-01-01', DATE '2029-12-31', 'active', '{}',
       ARRAY['Gemeente ' || lpad((((g - 1) % ${COMMISSIONERS}) + 1)::text, 2, '0')], now()
FROM generate_series(1, ${CONTRACTS}) g;

INSERT INTO "task" ("id", "workflow_id", "tender_id", "contract_id", "kind", "title", "role", "organisation",
                    "commissioner", "provider", "due_date", "status", "opened_at", "escalated_at", "completed_at", "updated_at")
SELECT 'task-' || s.g,
       CASE WHEN s.on_tender THEN 'tender-wf-' || s.t ELSE 'contract-term-' || s.c END,
       CASE WHEN s.on_tender THEN 'tender-' || s.t END,
       CASE WHEN s.on_tender THEN NULL ELSE 'contract-' || s.c END,
       s.kind, s.kind || ' ' || s.g,
       CASE WHEN s.provider_owned THEN 'contractContact'
            WHEN s.on_tender THEN 'procurementOfficer'
            WHEN s.kind IN ('budgetCycle', 'renewalEvaluation', 'extensionDecision') THEN 'manager'
            ELSE 'contractManager' END,
       CASE WHEN s.provider_owned THEN s.provider ELSE s.commissioner END,
       s.commissioner, CASE WHEN s.on_tender THEN NULL ELSE s.provider END,
       s.due, s.status, s.due - 60, CASE WHEN s.status = 'open' AND s.due < CURRENT_DATE - 7 AND s.r2 < 0.6 THEN s.due + 7 END,
       CASE WHEN s.status = 'done' THEN s.due END, now()
FROM (
  SELECT x.*,
         'Gemeente ' || lpad((((CASE WHEN x.on_tender THEN x.t ELSE x.c END - 1) % ${COMMISSIONERS}) + 1)::text, 2, '0') AS commissioner,
         'Aanbieder ' || lpad((((x.c * 7919) % ${PROVIDERS}) + 1)::text, 3, '0') AS provider,
         NOT x.on_tender AND (x.kind = 'accountabilityReport' OR (x.kind = 'followUpAction' AND x.r2 < 0.5)) AS provider_owned,
         CASE WHEN x.r < 0.05 THEN 'open' WHEN x.r < 0.15 THEN 'open' WHEN x.r < 0.96 THEN 'done' ELSE 'cancelled' END AS status,
         CASE WHEN x.r < 0.05 THEN CURRENT_DATE - (1 + floor(365 * x.r2 * x.r2))::int
              WHEN x.r < 0.15 THEN CURRENT_DATE + floor(540 * x.r2)::int
              ELSE CURRENT_DATE - (1 + floor(2900 * x.r2))::int END AS due
  FROM (
    SELECT g, random() AS r, random() AS r2, ((g - 1) % ${CONTRACTS}) + 1 AS c, ((g - 1) % ${TENDERS}) + 1 AS t,
           g % 33 = 0 AS on_tender,
           CASE WHEN g % 33 = 0 THEN (ARRAY['evaluation', 'awardDecision', 'publication', 'executiveDecision'])[1 + floor(random() * 4)::int]
                ELSE (ARRAY[${kindWeights()}])[1 + floor(random() * 100)::int] END AS kind
    FROM generate_series(1, ${TASKS}) g
    OFFSET 0
  ) x
  OFFSET 0
) s;
`;

/** 100 slots: accountabilityReport 35, accountabilityConversation 20, followUpAction 25, and so on. */
function kindWeights(): string {
  const weights = [35, 20, 25, 8, 6, 3, 2, 1];
  return CONTRACT_KINDS.flatMap((kind, i) => Array.from({ length: weights[i] ?? 0 }, () => `'${kind}'`)).join(', ');
}

/** A small deterministic generator, so every run asks the same questions. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

type Mix = 'none' | 'commissioner' | 'provider' | 'kind' | 'commissioner+kind' | 'commissioner+provider';

/** Each request by a manager of the commissioner of a drawn contract (the overview shows only their own). */
function requests(count: number, seed: number): { mix: Mix; url: string; commissioner: number }[] {
  const next = random(seed);
  const pick = (n: number) => 1 + Math.floor(next() * n);
  const mixes: [Mix, number][] = [['none', 0.2], ['commissioner', 0.25], ['provider', 0.2], ['kind', 0.15], ['commissioner+kind', 0.1], ['commissioner+provider', 0.1]];
  return Array.from({ length: count }, () => {
    let draw = next();
    const [mix] = mixes.find(([, share]) => (draw -= share) < 0) ?? ['none'];
    const params = new URLSearchParams({ limit: String([50, 100, 200][Math.floor(next() * 3)]) });
    // Commissioner and provider of one contract (as seeded), so that combined filters find something.
    const contract = pick(CONTRACTS);
    const commissioner = ((contract - 1) % COMMISSIONERS) + 1;
    if (mix.includes('commissioner')) params.set('commissioner', commissionerName(commissioner));
    if (mix.includes('provider')) params.set('provider', providerName(((contract * 7919) % PROVIDERS) + 1));
    if (mix.includes('kind')) params.set('kind', CONTRACT_KINDS[pick(CONTRACT_KINDS.length) - 1] as string);
    return { mix, url: `/overview/overdue?${params}`, commissioner };
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database there).');
  const keep = process.env.BENCH_KEEP === '1';

  console.log(`overdue overview benchmark: ${CONTRACTS} contracts, ${TASKS} tasks, ${REQUESTS} calls`);
  let started = performance.now();
  const db = await createTestDatabase();
  const temporal = new TemporalClient(); // lazy: the overview never talks to Temporal
  const api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  try {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      console.log(`database ${new URL(db.url).pathname.slice(1)} migrated in ${ms(performance.now() - started)}`);
      started = performance.now();
      await pg.query(SEED_SQL);
      console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      started = performance.now();
      await pg.query('VACUUM ANALYZE "tender", "contract", "task"');
      console.log(`VACUUM ANALYZE in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const { rows: shape } = await pg.query<{ status: string; overdue: boolean; n: number }>(
        `SELECT status, status = 'open' AND due_date < CURRENT_DATE AS overdue, count(*)::int AS n FROM task GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      console.log(`tasks: ${shape.map((r) => `${r.status}${r.status === 'open' ? (r.overdue ? ' overdue' : ' not yet due') : ''} ${r.n}`).join(', ')}`);
    } finally {
      await pg.end();
    }

    const managers: ApiTokenHeaders[] = [];
    for (let n = 1; n <= COMMISSIONERS; n++) managers.push(await apiTokenFor(db.prisma, commissionerName(n), ['manager']));
    const providerStaff = new Map<string, ApiTokenHeaders>();
    for (let n = 1; n <= PROVIDERS; n++) providerStaff.set(providerName(n), await apiTokenFor(db.prisma, providerName(n), ['contractContact'], { kind: 'provider' }));

    const call = async (url: string, headers: ApiTokenHeaders | undefined) => {
      const t0 = performance.now();
      const response = await api.inject({ method: 'GET', url, headers: { ...headers } });
      const elapsed = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return { elapsed, body: response.json() as { tasks: unknown[]; totals: { overdue: number } } };
    };

    for (const { url, commissioner } of requests(WARMUP, 7)) await call(url, managers[commissioner - 1]);
    const timings: { mix: Mix; elapsed: number; rows: number; overdue: number }[] = [];
    for (const { mix, url, commissioner } of requests(REQUESTS, 42)) {
      const { elapsed, body } = await call(url, managers[commissioner - 1]);
      timings.push({ mix, elapsed, rows: body.tasks.length, overdue: body.totals.overdue });
    }

    const all = timings.map((t) => t.elapsed).sort((a, b) => a - b);
    const p95 = percentile(all, 95);
    console.log('\nGET /overview/overdue (in-process, app.inject, sequential)');
    for (const mix of [...new Set(timings.map((t) => t.mix))]) {
      const own = timings.filter((t) => t.mix === mix);
      const sorted = own.map((t) => t.elapsed).sort((a, b) => a - b);
      const avgRows = own.reduce((sum, t) => sum + t.rows, 0) / own.length;
      const avgOverdue = own.reduce((sum, t) => sum + t.overdue, 0) / own.length;
      console.log(`  ${mix.padEnd(22)} n=${String(own.length).padStart(3)}  p50 ${ms(percentile(sorted, 50)).padStart(9)}  p95 ${ms(percentile(sorted, 95)).padStart(9)}  rows ~${avgRows.toFixed(0)}, matching overdue ~${avgOverdue.toFixed(0)}`);
    }
    console.log(`  ${'all'.padEnd(22)} n=${String(all.length).padStart(3)}  p50 ${ms(percentile(all, 50)).padStart(9)}  p95 ${ms(p95).padStart(9)}  max ${ms(all[all.length - 1] ?? NaN)}`);
    console.log(`\noverdue overview p50: ${ms(percentile(all, 50))}`);
    console.log(`overdue overview p95: ${ms(p95)}   baseline: p95 < ${P95_BASELINE_MS} ms   ${p95 < P95_BASELINE_MS ? 'OK' : 'ABOVE BASELINE'}`);

    // The provider task list, for comparison (no baseline in the issue).
    const next = random(99);
    const providerTimings: number[] = [];
    for (let i = 0; i < 100; i++) {
      const provider = providerName(1 + Math.floor(next() * PROVIDERS));
      const { elapsed } = await call(`/providers/${encodeURIComponent(provider)}/tasks`, providerStaff.get(provider));
      providerTimings.push(elapsed);
    }
    providerTimings.sort((a, b) => a - b);
    console.log(`provider task list p50: ${ms(percentile(providerTimings, 50))}, p95: ${ms(percentile(providerTimings, 95))} (100 calls, no baseline)`);

    const today = toIsoDate(new Date());
    const explain = async (label: string, query: Prisma.Sql) => {
      const plan = await db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      const onTask = [...new Set([...text.matchAll(/using (\w+) on task /g)].map((match) => match[1]))];
      console.log(`\nEXPLAIN ANALYZE ${label}: task read by ${onTask.length ? onTask.join(', ') : 'NO INDEX (sequential scan)'}\n${text}`);
    };
    const base: OverdueFilters = { limit: 100 };
    const seenBy = [commissionerName(7)];
    await explain('main query, no filter', overdueTasksQuery(base, today, seenBy));
    await explain('main query, commissioner', overdueTasksQuery({ ...base, commissioner: commissionerName(7) }, today, seenBy));
    await explain('main query, provider', overdueTasksQuery({ ...base, provider: providerName(42) }, today, seenBy));
    await explain('main query, kind', overdueTasksQuery({ ...base, kind: 'midtermReview' }, today, seenBy));
    await explain('totals per kind, no filter', overdueTotalsQuery({}, today, seenBy));
  } finally {
    await api.close();
    await temporal.connection.close();
    if (keep) {
      await db.prisma.$disconnect();
      console.log(`\nkept database ${db.url.replace(/\/\/[^@]*@/, '//…@')}`);
    } else {
      await db.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
