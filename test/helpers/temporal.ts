// Temporal test environments on the binaries that scripts/install-temporal.sh installs (npm pretest).
// Each call starts its own server on a random free port; call `env.teardown()` when done.
import { type DevServerConfig, TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath, timeSkippingServerPath } from '../../scripts/temporal-binaries';

/** Temporal's Java test server: timers are skipped while the workflow waits (workflow tests). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
  });
}

/**
 * A real Temporal Server (`temporal server start-dev`) for integration tests: in-memory SQLite
 * (no dbFilename), random free port, no UI. `server` adds options such as searchAttributes.
 */
export function createDevServerEnv(server: Omit<DevServerConfig, 'type' | 'executable'> = {}): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      ui: false,
      log: { format: 'pretty', level: 'warn' },
      ...server,
      executable: { type: 'existing-path', path: temporalCliPath() },
    },
  });
}
