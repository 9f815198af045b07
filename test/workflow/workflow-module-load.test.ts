/**
 * What a workflow loads when the worker creates it. The worker evaluates the bundle's modules once for
 * every workflow in its cache, so whatever they build at load time every cached contract term holds:
 * the request schemas (zod) made that 1.9 MB a workflow (bench/workflow-heap.ts). Workflows build no
 * schema when they load; workflows/shared/request-schemas.ts loads zod when a request is validated.
 *
 * The worker's bundle is evaluated here in a V8 context of its own with webpack's module cache in view
 * (the SDK gives each workflow such a cache, `__webpack_module_cache__`), without a server.
 */
import vm from 'node:vm';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import type * as RequestSchemas from '../../workflows/shared/request-schemas';
import { quietLogger } from '../helpers/regie-worker';

interface LoadedBundle {
  moduleIds: () => string[];
  workflowNames: string[];
  exportsOf: <T>(moduleId: string) => T;
}

async function loadWorkflows(): Promise<LoadedBundle> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger });
  const moduleCache: Record<string, { exports: unknown }> = {};
  const context = vm.createContext({ __webpack_module_cache__: moduleCache });
  vm.runInContext(code, context);
  const bundle = (context as { __TEMPORAL__: { importWorkflows(): Record<string, unknown> } }).__TEMPORAL__;
  const workflows = bundle.importWorkflows();
  return {
    moduleIds: () => Object.keys(moduleCache),
    workflowNames: Object.keys(workflows),
    exportsOf: <T>(moduleId: string) => moduleCache[moduleId]!.exports as T,
  };
}

const isSchemaModule = (id: string) => id.includes('/node_modules/zod/') || id.includes('/domain/schemas/');

describe('loading the workflows', () => {
  let loaded: LoadedBundle;
  beforeAll(async () => {
    loaded = await loadWorkflows();
  });

  it('defines every workflow without loading zod or a request schema', () => {
    expect(loaded.workflowNames).toEqual(
      expect.arrayContaining(['tenderPreparationWorkflow', 'contractTermWorkflow', 'accountabilityCycleWorkflow', 'midtermReviewWorkflow', 'supplementaryAssignmentWorkflow']),
    );
    expect(loaded.moduleIds().filter(isSchemaModule)).toEqual([]);
  });

  it('loads a request schema, and zod with it, when a workflow first validates a request', () => {
    const loaders = loaded.exportsOf<typeof RequestSchemas>('./workflows/shared/request-schemas.ts');
    const { completeTaskSchema } = loaders.tenderActionSchemas();
    expect(completeTaskSchema.safeParse({}).success).toBe(false);
    expect(loaded.moduleIds()).toEqual(expect.arrayContaining(['./domain/schemas/tender-actions.ts', './node_modules/zod/v4/core/core.js']));
  });
});
