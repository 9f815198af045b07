/**
 * The benchmarks of the contract term and scale issues, one after the other as child processes, their
 * output passed through, then a summary table: figure, value, baseline or target.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npm run bench
 *
 * The summary takes the lines a benchmark prints as `<figure>: <value>   baseline: <baseline>`
 * (and the overview's p50 line, which has no baseline). Exits non-zero when a benchmark failed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const BENCHMARKS = [
  { name: 'overdue overview', script: 'overdue-overview.ts' },
  { name: 'activity costs', script: 'activity-costs.ts' },
  { name: 'local activity hops', script: 'local-activity-hops.ts' },
  { name: 'lifecycle', script: 'lifecycle.ts' },
  // The scale issue's memory target is for a bounded cache: 250 workflows, as measured in the README's Sizing, unless set.
  { name: 'many contracts', script: 'many-contracts.ts', nodeOptions: ['--expose-gc'], env: { WORKER_MAX_CACHED_WORKFLOWS: process.env.WORKER_MAX_CACHED_WORKFLOWS ?? '250' } },
  { name: 'workflow heap', script: 'workflow-heap.ts', nodeOptions: ['--expose-gc'] },
  { name: 'supplementary assignments', script: 'supplementary.ts' },
  { name: 'reads under load', script: 'reads-under-load.ts' },
];

const TSX_CLI = require.resolve('tsx/cli');

interface Figure {
  benchmark: string;
  figure: string;
  value: string;
  baseline: string;
}

function run(script: string, nodeOptions: string[] = [], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, ...nodeOptions, path.join(__dirname, script)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function figures(benchmark: string, output: string): Figure[] {
  return output.split('\n').flatMap((line) => {
    const withBaseline = /^(\S[^:]*?): (.+?) {3}baseline: (.+)$/.exec(line);
    if (withBaseline) return [{ benchmark, figure: withBaseline[1]!, value: withBaseline[2]!.trim(), baseline: withBaseline[3]!.trim() }];
    const p50 = /^(overdue overview p50): (.+)$/.exec(line);
    return p50 ? [{ benchmark, figure: p50[1]!, value: p50[2]!.trim(), baseline: '—' }] : [];
  });
}

async function main(): Promise<void> {
  const summary: Figure[] = [];
  const failed: string[] = [];
  for (const { name, script, nodeOptions, env } of BENCHMARKS) {
    console.log(`\n=== ${name}: ${env ? Object.entries(env).map(([k, v]) => `${k}=${v} `).join('') : ''}npx tsx ${nodeOptions ? `${nodeOptions.join(' ')} ` : ''}bench/${script}`);
    const t0 = performance.now();
    const { code, output } = await run(script, nodeOptions, env);
    console.log(`=== ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    if (code !== 0) failed.push(name);
    summary.push(...figures(name, output));
  }

  const widths = [
    Math.max(6, ...summary.map((f) => f.figure.length)),
    Math.max(5, ...summary.map((f) => f.value.length)),
  ] as const;
  console.log('\nSummary');
  console.log(`  ${'figure'.padEnd(widths[0])}  ${'value'.padEnd(widths[1])}  baseline / target`);
  for (const f of summary) console.log(`  ${f.figure.padEnd(widths[0])}  ${f.value.padEnd(widths[1])}  ${f.baseline}`);
  if (failed.length) {
    console.log(`\nfailed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
