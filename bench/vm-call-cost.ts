/**
 * What one call into a `vm` context costs with and without a timeout. The worker calls into the workflow
 * sandbox this way several times per activation, with its deadlock timeout (isolateExecutionTimeout), and
 * Node starts a watchdog thread for every call that has a timeout (nodejs/node#10453).
 *
 *   npx tsx bench/vm-call-cost.ts
 */
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';

const CALLS = 20_000;
const context = vm.createContext({});
const script = new vm.Script('1 + 1');

for (const timeout of [undefined, 5_000]) {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) script.runInContext(context, timeout === undefined ? {} : { timeout });
  const micros = ((performance.now() - started) / CALLS) * 1000;
  console.log(`vm call ${timeout === undefined ? 'without a timeout' : `with a ${timeout} ms timeout`}: ${micros.toFixed(1)} µs (${CALLS} calls)`);
}
