/** Following an accountability cycle from a test: its view, polled until it shows what the test waits for. */
import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import type { accountabilityCycleWorkflow } from '../../workflows/accountability-cycle/accountability-cycle';
import { accountabilityCycleQuery, type AccountabilityCycleView } from '../../workflows/accountability-cycle/accountability-definitions';

export type CycleHandle = WorkflowHandle<typeof accountabilityCycleWorkflow>;

export async function waitForCycle(handle: CycleHandle, predicate: (v: AccountabilityCycleView) => boolean, timeoutMs = 30_000): Promise<AccountabilityCycleView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await handle.query(accountabilityCycleQuery);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`Timed out in phase ${view.phase}: ${JSON.stringify(view.tasks.map((t) => [t.id, t.status]))}`);
    await delay(100);
  }
}
