// Temporal test environments on the binaries that scripts/install-temporal.sh installs (npm pretest).
// Each call starts its own server on a random free port; call `env.teardown()` when done.
import type { ConnectionPlugin } from '@temporalio/client';
import { type DevServerConfig, TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath, timeSkippingServerPath } from '../../scripts/temporal-binaries';

/** Temporal's Java test server: timers are skipped while the workflow waits (workflow tests). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    plugins: [rareKeepalivePings],
  });
}

/**
 * The Java test server (grpc-java) allows a keepalive ping at most every 5 minutes and closes a
 * connection that pings more often ("excess pings"); the client's default is every 30 s, which
 * breaks any test longer than a few minutes. Ping less often than the server allows.
 */
const rareKeepalivePings: ConnectionPlugin = {
  name: 'rare-keepalive-pings',
  configureConnection: (options) => ({
    ...options,
    channelArgs: { ...options.channelArgs, 'grpc.keepalive_time_ms': 6 * 60_000, 'grpc.keepalive_permit_without_calls': 0 },
  }),
};

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
