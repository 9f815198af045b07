/**
 * Benchmark of issue 12 (supplementary assignments), with 10,000 assignments over 500 contracts:
 * (a) the bundling proposal (proposeBundles, domain/supplementary/bundling.ts) over all of them at once:
 *     the median of BENCH_RUNS runs after a warm-up;
 * (b) the supplementary overview (db/supplementary-overview.ts) with them in PostgreSQL, written by the
 *     recordSupplementary activity with their bundles and years: p50/p95 of BENCH_REQUESTS calls across
 *     one commissioner's contracts and as many for one contract, after a warm-up, and EXPLAIN ANALYZE.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/supplementary.ts
 *
 * Builds a fresh, migrated database on DATABASE_URL's server and drops it afterwards (BENCH_KEEP=1
 * keeps it). Sizes: BENCH_CONTRACTS (500), BENCH_ASSIGNMENTS (10000), BENCH_REQUESTS (100), BENCH_RUNS (15).
 * Issue 12 sets no baseline. A benchmark, not a test: it prints figures and fails only when it cannot run.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createActivities } from '../activities';
import { supplementaryOverview, supplementaryOverviewQuery, type SupplementaryOverviewFilter } from '../db/supplementary-overview';
import type { ReportingRegime, SupplementarySourceKind } from '../domain/schemas/supplementary';
import { proposeBundles } from '../domain/supplementary/bundling';
import { DEFAULT_SUPPLEMENTARY_SETTINGS } from '../domain/supplementary/settings';
import { type AssignmentStatus, committedStatuses, type SupplementaryAssignment, type SupplementaryBundle, type SupplementaryYear } from '../domain/supplementary/types';
import { Prisma } from '../generated/prisma/client';
import { createMailer } from '../mail/transport';
import { createTestDatabase } from '../test/helpers/database';
import { contractRow, managerOf, supplementaryAssignment, supplementaryBundle, supplementaryYear } from '../test/helpers/supplementary-records';

const CONTRACTS = positiveInt('BENCH_CONTRACTS', 500);
const ASSIGNMENTS = positiveInt('BENCH_ASSIGNMENTS', 10_000);
const REQUESTS = positiveInt('BENCH_REQUESTS', 100);
const RUNS = positiveInt('BENCH_RUNS', 15);
const WARMUP_RUNS = 5;
const WARMUP_REQUESTS = 10;
const COMMISSIONERS = 50;
const YEARS = [2026, 2027, 2028] as const;
/** For comparison only: the overdue overview's baseline (issue 12 sets none of its own). */
const OVERVIEW_REFERENCE_P95_MS = 50;

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** A small deterministic generator, so every run builds the same portfolio and asks the same questions. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A value drawn by weight. */
function weighted<T>(next: () => number, choices: readonly (readonly [T, number])[]): T {
  let draw = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) if ((draw -= weight) < 0) return value;
  return choices[choices.length - 1]![0];
}

const commissionerName = (n: number) => `Gemeente ${String(n).padStart(2, '0')}`;
const contractId = (n: number) => `contract-${String(n).padStart(3, '0')}`;
/** Contract n is made for one municipality; every fourth also for the next one (a shared contract). */
const commissionersOf = (n: number) => {
  const own = ((n - 1) % COMMISSIONERS) + 1;
  return n % 4 === 0 ? [commissionerName(own), commissionerName((own % COMMISSIONERS) + 1)] : [commissionerName(own)];
};

const STATUSES: readonly (readonly [AssignmentStatus, number])[] = [
  ['vetting', 5], ['rejected', 5], ['leftContract', 2], ['awaitingConfirmation', 8], ['declined', 3],
  ['confirmed', 15], ['active', 40], ['ended', 20], ['cancelled', 2],
];
const THEMES = ['Preventie jeugd', 'Armoede', 'Schuldhulp', 'Eenzaamheid ouderen', 'Mantelzorg', 'Wonen en zorg', 'Participatie', 'Veiligheid', 'Gezondheid', 'Onderwijs en zorg', 'Statushouders', 'Huiselijk geweld'];
const GOALS = ['Minder uitval', 'Eerder in beeld', 'Zelfredzaamheid'];
const SOURCES: readonly { kind: SupplementarySourceKind; name: string }[] = [
  ...['Onderwijs', 'Sport', 'Wonen', 'Werk en Inkomen', 'Veiligheid', 'Cultuur', 'Gezondheid', 'Economie'].map((name) => ({ kind: 'municipalDepartment' as const, name: `Afdeling ${name}` })),
  ...['Kansrijke Start', 'Samen Sterk', 'Gezond en Actief Leven', 'Een tegen eenzaamheid'].map((name) => ({ kind: 'nationalProgramme' as const, name })),
  { kind: 'commissioner', name: 'Contractlijn' },
];

/** 10,000 assignments over 500 contracts: realistic mixes of status, theme, source, budget (half of them small). */
function buildAssignments(): SupplementaryAssignment[] {
  const next = random(12);
  return Array.from({ length: ASSIGNMENTS }, (_, i) => {
    const contract = contractId((i % CONTRACTS) + 1);
    const status = weighted(next, STATUSES);
    const theme = THEMES[Math.floor(next() * THEMES.length)]!;
    const year = YEARS[Math.floor(next() * YEARS.length)]!;
    const month = String(1 + Math.floor(next() * 9)).padStart(2, '0');
    // € 1.000 to € 250.000, skewed to the small end: about half below the € 50.000 of a small budget.
    const budgetCents = Math.round((100_000 + 24_900_000 * next() ** 2.5) / 100) * 100;
    const regime: ReportingRegime = next() < 0.3 ? 'own' : 'foldedIntoContract';
    const overrides: Partial<SupplementaryAssignment> = {
      status,
      theme,
      goal: GOALS[Math.floor(next() * GOALS.length)]!,
      budgetCents,
      period: { from: `${year}-${month}-01`, to: `${year}-12-31` },
      reporting: regime === 'own' ? { regime, everyMonths: 3 } : { regime },
      regime,
      source: SOURCES[Math.floor(next() * SOURCES.length)]!,
      sideSteering: next() < 0.15,
      receivedOn: `${year - 1}-11-15`,
      ...(next() < 0.2 ? { spendingCapCents: budgetCents } : {}),
      ...(status === 'vetting' ? { vetting: undefined } : {}),
      ...(committedStatuses.includes(status) && next() < 0.05
        ? { promotion: { occasion: 'midtermReview' as const, rationale: 'Hoort bij de hoofdopdracht.', on: '2028-06-01', by: managerOf('Gemeente 01') } }
        : {}),
    };
    return supplementaryAssignment(contract, Math.floor(i / CONTRACTS) + 1, overrides);
  });
}

/** Per contract: the bundles the proposal suggests (approved for 2027), its members marked, and three years. */
function buildPortfolios(assignments: SupplementaryAssignment[]) {
  const byContract = new Map<string, { assignments: SupplementaryAssignment[]; bundles: SupplementaryBundle[]; years: SupplementaryYear[] }>();
  for (const assignment of assignments) {
    const portfolio = byContract.get(assignment.contractId) ?? { assignments: [], bundles: [], years: [] };
    portfolio.assignments.push(assignment);
    byContract.set(assignment.contractId, portfolio);
  }
  const byId = new Map(assignments.map((a) => [a.id, a]));
  const sequence = new Map<string, number>();
  for (const proposal of proposeBundles(assignments, { smallBudgetBelowCents: DEFAULT_SUPPLEMENTARY_SETTINGS.smallBudgetBelowCents })) {
    const n = (sequence.get(proposal.contractId) ?? 0) + 1;
    sequence.set(proposal.contractId, n);
    const bundle = supplementaryBundle(proposal.contractId, 2027, n, proposal.assignmentIds, proposal.budgetCents);
    bundle.theme = proposal.theme;
    bundle.goal = proposal.goal;
    bundle.combinesSpendingCaps = proposal.combinesSpendingCaps;
    if (proposal.combinesSpendingCaps) bundle.status = 'awaitingConsent';
    byContract.get(proposal.contractId)!.bundles.push(bundle);
    for (const id of proposal.assignmentIds) Object.assign(byId.get(id)!, { bundleId: bundle.id, regime: 'bundle' });
  }
  for (const portfolio of byContract.values()) {
    portfolio.years = YEARS.map((year) => {
      const drawnCents = portfolio.assignments
        .filter((a) => committedStatuses.includes(a.status) && a.period.from.startsWith(String(year)))
        .reduce((sum, a) => sum + a.budgetCents, 0);
      return supplementaryYear(year, year === 2028 ? { drawnCents } : { decidedCents: Math.round(drawnCents * 1.1), drawnCents });
    });
  }
  return byContract;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

function benchProposeBundles(assignments: SupplementaryAssignment[]): void {
  const options = { smallBudgetBelowCents: DEFAULT_SUPPLEMENTARY_SETTINGS.smallBudgetBelowCents };
  let proposals = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) proposals = proposeBundles(assignments, options).length;
  const timings = Array.from({ length: RUNS }, () => {
    const t0 = performance.now();
    proposeBundles(assignments, options);
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  console.log(`\n(a) proposeBundles over ${ASSIGNMENTS} assignments in ${CONTRACTS} contracts: ${proposals} proposals; ${RUNS} runs after ${WARMUP_RUNS} warm-up runs`);
  console.log(`  min ${ms(timings[0]!)}  median ${ms(percentile(timings, 50))}  max ${ms(timings[timings.length - 1]!)}`);
  console.log(`proposeBundles median (${ASSIGNMENTS} assignments, ${CONTRACTS} contracts): ${ms(percentile(timings, 50))}   baseline: none in issue 12`);
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database there).');
  const keep = process.env.BENCH_KEEP === '1';
  console.log(`supplementary benchmark: ${ASSIGNMENTS} assignments in ${CONTRACTS} contracts of ${COMMISSIONERS} commissioners`);

  const assignments = buildAssignments();
  benchProposeBundles(assignments);
  const portfolios = buildPortfolios(assignments);

  let started = performance.now();
  const db = await createTestDatabase();
  try {
    console.log(`\ndatabase ${new URL(db.url).pathname.slice(1)} migrated in ${ms(performance.now() - started)}`);
    await db.prisma.contract.createMany({ data: Array.from({ length: CONTRACTS }, (_, i) => contractRow(contractId(i + 1), commissionersOf(i + 1), `Aanbieder ${(i % 40) + 1}`)) });
    const activities = createActivities({ prisma: db.prisma, mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:2' }) });
    started = performance.now();
    for (const [id, portfolio] of portfolios) {
      await activities.recordSupplementary({
        contractId: id,
        ...portfolio,
        event: { id: randomUUID(), workflowId: `contract-term-${id}`, contractId: id, type: 'supplementary.bundled', actor: managerOf(commissionersOf(1)[0]!), occurredAt: new Date().toISOString() },
      });
    }
    const seeded = performance.now() - started;
    await db.prisma.$executeRawUnsafe('VACUUM ANALYZE "contract", "supplementary_assignment", "supplementary_bundle", "supplementary_year"');
    const bundles = [...portfolios.values()].reduce((sum, p) => sum + p.bundles.length, 0);
    console.log(`seeded ${assignments.length} assignments, ${bundles} bundles, ${portfolios.size * YEARS.length} years through recordSupplementary (one call per contract) in ${(seeded / 1000).toFixed(1)} s, ${ms(seeded / portfolios.size)} per call`);

    const next = random(42);
    const pick = (n: number) => 1 + Math.floor(next() * n);
    const series: { label: string; filter: () => SupplementaryOverviewFilter }[] = [
      { label: 'one commissioner', filter: () => ({ commissioner: commissionerName(pick(COMMISSIONERS)) }) },
      { label: 'one contract', filter: () => ({ contractId: contractId(pick(CONTRACTS)) }) },
      { label: 'one commissioner, one year', filter: () => ({ commissioner: commissionerName(pick(COMMISSIONERS)), year: YEARS[pick(YEARS.length) - 1]! }) },
    ];
    console.log(`\n(b) supplementaryOverview (in-process, sequential): ${REQUESTS} calls per series after ${WARMUP_REQUESTS} warm-up calls`);
    const figures: string[] = [];
    for (const { label, filter } of series) {
      for (let i = 0; i < WARMUP_REQUESTS; i++) await supplementaryOverview(db.prisma, filter());
      const timings: number[] = [];
      let counted = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        const overview = await supplementaryOverview(db.prisma, filter());
        timings.push(performance.now() - t0);
        counted += overview.byStatus.reduce((sum, s) => sum + s.count, 0);
      }
      timings.sort((a, b) => a - b);
      const p95 = percentile(timings, 95);
      console.log(`  ${label.padEnd(27)} p50 ${ms(percentile(timings, 50)).padStart(9)}  p95 ${ms(p95).padStart(9)}  max ${ms(timings[timings.length - 1]!).padStart(9)}  assignments counted ~${(counted / REQUESTS).toFixed(0)}`);
      figures.push(`supplementary overview p95, ${label}: ${ms(p95)}   baseline: none in issue 12 (the overdue overview's is p95 < ${OVERVIEW_REFERENCE_P95_MS} ms)`);
    }
    console.log('');
    for (const line of figures) console.log(line);

    const explain = async (label: string, filter: SupplementaryOverviewFilter) => {
      const plan = await db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${supplementaryOverviewQuery(filter)}`);
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      const indexes = [...new Set([...text.matchAll(/using (\w+) on (\w+)/gi)].map((match) => `${match[1]} on ${match[2]}`))];
      const seqScans = [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((match) => match[1]))];
      console.log(`\nEXPLAIN ANALYZE ${label}: ${indexes.join(', ') || 'no index'}${seqScans.length ? `; sequential scans on ${seqScans.join(', ')}` : ''}; ${/Execution Time: .*/.exec(text)?.[0] ?? ''}`);
    };
    await explain('one commissioner', { commissioner: commissionerName(7) });
    await explain('one contract', { contractId: contractId(7) });
  } finally {
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
