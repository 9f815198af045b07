/**
 * Replay compatibility: every recorded history in test/workflow/histories/ (see its README) must
 * replay against the current workflow code, because tenders and eight-year contract terms keep
 * running while the code changes. No server and no database: the worker only replays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { type History, historyFromJSON } from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { type ContractTermInput, contractWorkflowId } from '../../workflows/contract-definitions';
import { type TenderWorkflowInput, tenderWorkflowId } from '../../workflows/tender-definitions';

const HISTORIES_DIR = path.join(__dirname, 'histories');
const historyFiles = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

let released: WorkflowBundle;
let changedWithoutPatch: WorkflowBundle;

beforeAll(async () => {
  // Bundled once, as the worker does (worker/create-worker.ts: workflowsPath, no interceptors).
  [released, changedWithoutPatch] = await Promise.all([
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger }),
    bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/nondeterministic-workflows'), logger: quietLogger }),
  ]);
});

test('the histories of the released workflow versions are all kept', () => {
  expect(historyFiles).toEqual(expect.arrayContaining(['contract-term-v1.json', 'tender-preparation-v1.json']));
});

test.each(historyFiles)('%s replays against the current workflow code', async (file) => {
  const history = loadHistory(file);
  await Worker.runReplayHistory({ workflowBundle: released }, history, workflowIdOf(history));
});

test('a change without patched() fails the replay with a DeterminismViolationError', async () => {
  const history = loadHistory('tender-preparation-v1.json');
  const replay = Worker.runReplayHistory({ workflowBundle: changedWithoutPatch }, history, workflowIdOf(history));
  await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  await expect(replay).rejects.toThrow(/nondetermin/i);
});

function loadHistory(file: string): History {
  return historyFromJson(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}

/**
 * `historyFromJSON` of @temporalio/common (what `runReplayHistory` applies to JSON itself). When npm
 * installs separate copies of protobufjs 8 under @temporalio/common and @temporalio/proto (it does
 * while @grpc/proto-loader's protobufjs 7 sits at the root), the SDK's function throws "type must be
 * a Type": its protojson checks `instanceof Type` against the other copy. Then this does the same
 * with the protojson of the copy that @temporalio/proto's types come from.
 */
function historyFromJson(json: unknown): History {
  try {
    return historyFromJSON(json);
  } catch (error) {
    if (!(error instanceof TypeError && error.message === 'type must be a Type')) throw error;
  }
  const protojsonPath = require.resolve('protobufjs/ext/protojson', { paths: [path.dirname(require.resolve('@temporalio/proto'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const protojson = require(protojsonPath) as { fromJson(type: unknown, json: unknown, options: object): History };
  const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
}

/** Histories carry no workflow id; the workflows use theirs, so it is derived from the input as at start. */
function workflowIdOf(history: History): string {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const payload = started?.input?.payloads?.[0];
  if (!started || !payload) throw new Error('History does not start with a WorkflowExecutionStarted event with input');
  const type = started.workflowType?.name;
  switch (type) {
    case 'tenderPreparationWorkflow':
      return tenderWorkflowId(defaultPayloadConverter.fromPayload<TenderWorkflowInput>(payload).tenderId);
    case 'contractTermWorkflow':
      return contractWorkflowId(defaultPayloadConverter.fromPayload<ContractTermInput>(payload).contractId);
    default:
      throw new Error(`No workflow id rule for workflow type ${type}: add one in workflowIdOf`);
  }
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
