/**
 * What the history recording scripts share (scripts/record-contract-histories.ts and
 * record-supplementary-histories.ts): a time-skipping server per recording, its clock, and writing a
 * history file in the JSON format of `temporal workflow show --output json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { toIsoDate } from '../domain/dates';
import { type Harness, startWorkerOn, type TestServices } from '../test/helpers/regie-worker';
import { createTimeSkippingEnv } from '../test/helpers/temporal';

export const HISTORIES_DIR = path.join(__dirname, '../test/workflow/histories');

/** Time skipping is global to an environment: each recording gets its own server and worker. */
export async function withHarness<T>(services: TestServices, record: (h: Harness) => Promise<T>): Promise<T> {
  const h = await startWorkerOn(await createTimeSkippingEnv(), services);
  try {
    return await record(h);
  } finally {
    await h.close();
  }
}

/** The recording's simulated day. */
export async function today(h: Harness): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

/** Writes one history under test/workflow/histories and says what it wrote. */
export function writeHistory(fileName: string, history: History): void {
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const file = path.join(HISTORIES_DIR, fileName);
  fs.writeFileSync(file, `${historyToJSON(history)}\n`);
  const bytes = fs.statSync(file).size;
  console.log(`wrote ${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events, ${(bytes / 1024).toFixed(0)} KiB`);
}
