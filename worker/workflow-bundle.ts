import type { BundleOptions } from '@temporalio/worker';

/**
 * How the workflows are bundled: the same for the worker, `npm start`, the tests and the benchmarks, so
 * that what is tested and replayed is what runs.
 *
 * No module is preloaded (`preloadModules`, shared by every workflow in the V8 context): the SDK freezes
 * shared modules, and zod writes to its schemas and its regular expressions as it parses. Workflows
 * load zod only when they validate a request instead (workflows/shared/request-schemas.ts), which keeps
 * a cached contract term small.
 */
export const workflowBundleOptions = {
  workflowsPath: require.resolve('../workflows'),
} satisfies Pick<BundleOptions, 'workflowsPath'>;
