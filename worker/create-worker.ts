import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { TENDER_TASK_QUEUE } from '../workflows/tender/tender-definitions';
import { warmUpDatabase } from './warm-up';
import { workflowBundleOptions } from './workflow-bundle';

export interface RegieWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests share one); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** WORKER_MAX_CACHED_WORKFLOWS; unset: the SDK's default. */
  maxCachedWorkflows?: number;
  /** Interceptors (the benchmarks time activities with one); none by default. */
  interceptors?: WorkerOptions['interceptors'];
}

/** The one worker that runs every regie workflow and activity; its database client is warmed up while it is made. */
export async function createRegieWorker(options: RegieWorkerOptions): Promise<Worker> {
  const [worker] = await Promise.all([createWorker(options), warmUpDatabase(options.deps.prisma)]);
  return worker;
}

function createWorker(options: RegieWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TENDER_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowBundleOptions.workflowsPath }),
    activities: createActivities(options.deps),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
  });
}
