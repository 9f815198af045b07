/**
 * Replay compatibility: every recorded history in test/workflow/histories/ (see its README) must
 * replay against the current workflow code, because tenders and eight-year contract terms keep
 * running while the code changes. No server and no database: the worker only replays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { type History, historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { quietLogger } from '../helpers/regie-worker';
import { isUnhandledCommandFailure, replayableOnTestServer } from '../helpers/replay-every-workflow';
import { type AccountabilityCycleInput, accountabilityWorkflowId } from '../../workflows/accountability-cycle/accountability-definitions';
import { type ContractTermInput, contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { type MidtermReviewInput, midtermReviewWorkflowId } from '../../workflows/midterm-review/midterm-definitions';
import { type SupplementaryAssignmentInput, supplementaryAssignmentWorkflowId } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { type TenderWorkflowInput, tenderWorkflowId } from '../../workflows/tender/tender-definitions';

const HISTORIES_DIR = path.join(__dirname, 'histories');
const historyFiles = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

let released: WorkflowBundle;
let changedWithoutPatch: WorkflowBundle;

beforeAll(async () => {
  // Bundled once, as the worker does (worker/workflow-bundle.ts, no interceptors).
  [released, changedWithoutPatch] = await Promise.all([
    bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger }),
    bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/nondeterministic-workflows'), logger: quietLogger }),
  ]);
});

test('the histories of the released workflow versions are all kept', () => {
  expect(historyFiles).toEqual(
    expect.arrayContaining([
      'accountability-cycle-v1.json',
      'accountability-cycle-v2.json',
      'accountability-cycle-v3.json',
      'contract-term-v1.json',
      'contract-term-v2-midterm.json',
      'contract-term-v2-year1.json',
      'contract-term-v3-midterm.json',
      'contract-term-v3-year1.json',
      'contract-term-v4-supplementary.json',
      'contract-term-v5-midterm.json',
      'contract-term-v5-supplementary.json',
      'contract-term-v5-year1.json',
      'midterm-review-v1.json',
      'midterm-review-v2.json',
      'midterm-review-v3.json',
      'supplementary-assignment-v1.json',
      'supplementary-assignment-v2.json',
      'tender-preparation-v1.json',
      'tender-preparation-v2.json',
      'tender-preparation-v3.json',
      'tender-preparation-v4.json',
    ]),
  );
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

test('a history the test server wrote after refusing a completion in silence replays up to that workflow task, and only that far', async () => {
  // Kept from a run of supplementary-assignments.test.ts under load (2026-12-03): the contract's
  // closing workflow task met a supplementary assignment's signal; see test/helpers/replay-every-workflow.ts.
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/test-server-unhandled-command.json'), 'utf8')));
  expect(history.events?.filter(isUnhandledCommandFailure)).toHaveLength(1);
  const whole = Worker.runReplayHistory({ workflowBundle: released }, history, workflowIdOf(history));
  await expect(whole).rejects.toBeInstanceOf(DeterminismViolationError);
  await expect(whole).rejects.toThrow(/recorded marker 'recordEvent' does not match activity type of local activity command 'recordSupplementary'/);
  const beforeTheRefusal = replayableOnTestServer(history);
  expect(beforeTheRefusal.events!.length).toBeGreaterThan(180);
  await Worker.runReplayHistory({ workflowBundle: released }, beforeTheRefusal, workflowIdOf(history));
});

function loadHistory(file: string): History {
  return historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}

/**
 * Histories carry no workflow id; the workflows use theirs, so it is derived from the input as at
 * start. A contract term run after continue-as-new starts with [input, carry] and keeps its id.
 */
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
    case 'accountabilityCycleWorkflow': {
      const input = defaultPayloadConverter.fromPayload<AccountabilityCycleInput>(payload);
      return accountabilityWorkflowId(input.contractId, input.period.index);
    }
    case 'midtermReviewWorkflow':
      return midtermReviewWorkflowId(defaultPayloadConverter.fromPayload<MidtermReviewInput>(payload).contractId);
    case 'supplementaryAssignmentWorkflow':
      return supplementaryAssignmentWorkflowId(defaultPayloadConverter.fromPayload<SupplementaryAssignmentInput>(payload).assignment.id);
    default:
      throw new Error(`No workflow id rule for workflow type ${type}: add one in workflowIdOf`);
  }
}
