// Workflow and integration tests start servers and bundle workflows: give hooks and tests room.
jest.setTimeout(180_000);

// Worker and SDK logs only when something is wrong.
import { DefaultLogger, Runtime } from '@temporalio/worker';
Runtime.install({ logger: new DefaultLogger('WARN') });
