// Connections to Temporal: a Client (API, starting and signalling workflows) and a NativeConnection
// (the worker).
//
// - With a `localAddress` (scripts/start.ts runs a dev server on loopback): plain gRPC, no TLS, no auth.
// - Otherwise Temporal's environment configuration (@temporalio/envconfig), as the Temporal CLI and
//   the other SDKs read it: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS,
//   TEMPORAL_TLS_CLIENT_CERT_PATH / _DATA, TEMPORAL_TLS_CLIENT_KEY_PATH / _DATA,
//   TEMPORAL_TLS_SERVER_CA_CERT_PATH / _DATA, TEMPORAL_TLS_SERVER_NAME, TEMPORAL_GRPC_META_*, and a
//   profile (TEMPORAL_PROFILE, default "default") from the TOML file in TEMPORAL_CONFIG_FILE or
//   ~/.config/temporalio/temporal.toml. Environment variables override the profile. An API key turns
//   TLS on (Temporal Cloud); a self-hosted cluster without TLS needs nothing but TEMPORAL_ADDRESS.
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { DefaultLogger, NativeConnection, Runtime, type NativeConnectionOptions } from '@temporalio/worker';
import type { Env, LogLevel } from './env';

export interface TemporalTarget {
  namespace: string;
  connectionOptions: NativeConnectionOptions & { address: string };
  /** For logs: address, namespace and how it authenticates; never the key itself. */
  description: string;
}

/**
 * Where and how to connect. `localAddress`: a local dev server (plain, env config ignored);
 * otherwise the environment configuration, which must yield an address.
 */
export function resolveTemporalTarget(env: Env, { localAddress }: { localAddress?: string } = {}): TemporalTarget {
  if (localAddress) {
    return {
      namespace: env.TEMPORAL_NAMESPACE,
      connectionOptions: { address: localAddress },
      description: `${localAddress} (local dev server), namespace ${env.TEMPORAL_NAMESPACE}`,
    };
  }
  let config: ReturnType<typeof loadClientConnectConfig>;
  try {
    // Blank variables count as unset here too (config/env.ts treats them so).
    const overrideEnvVars = Object.fromEntries(
      Object.entries(process.env).filter((entry): entry is [string, string] => !!entry[1]?.trim()),
    );
    config = loadClientConnectConfig({ overrideEnvVars });
  } catch (error) {
    throw new Error(`Temporal configuration could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const { address, tls, apiKey } = config.connectionOptions;
  if (!address) {
    throw new Error(
      'No Temporal server configured: set TEMPORAL_ADDRESS (host:port), or select a profile with an address ' +
        '(TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE). To run a local Temporal dev server with everything else: npm start.',
    );
  }
  // TEMPORAL_NAMESPACE, when set, is already applied by envconfig; then the profile's; then our default.
  const namespace = config.namespace || env.TEMPORAL_NAMESPACE;
  const auth = [tls ? 'TLS' : 'no TLS', ...(apiKey ? ['API key'] : []), ...(tls && typeof tls === 'object' && tls.clientCertPair ? ['client certificate'] : [])];
  return {
    namespace,
    connectionOptions: { ...config.connectionOptions, address },
    description: `${address}, namespace ${namespace} (${auth.join(', ')})`,
  };
}

export interface ConnectOptions {
  /** Keep trying for this long while the server does not answer (it may still be starting). Default 60 s. */
  timeoutMs?: number;
  log?: (message: string) => void;
  /** Stops retrying (the last error is thrown). */
  signal?: AbortSignal;
}

/** A Client for the API, once the server answers for the namespace. */
export async function connectClient(target: TemporalTarget, options: ConnectOptions = {}): Promise<Client> {
  const connectionOptions: ConnectionOptions = {
    ...(target.connectionOptions as ConnectionOptions),
    connectTimeout: '5s',
  };
  const connection = await retry(`Temporal at ${target.description}`, options, async () => {
    const candidate = await Connection.connect(connectionOptions);
    try {
      // Fails until the namespace exists (a dev server registers it shortly after it listens).
      await candidate.workflowService.describeNamespace({ namespace: target.namespace });
      return candidate;
    } catch (error) {
      await candidate.close();
      throw error;
    }
  });
  return new Client({ connection, namespace: target.namespace });
}

/** A NativeConnection for the worker. */
export function connectWorkerConnection(target: TemporalTarget, options: ConnectOptions = {}): Promise<NativeConnection> {
  return retry(`Temporal at ${target.description}`, options, () => NativeConnection.connect(target.connectionOptions));
}

/**
 * Sets up the Temporal SDK's runtime before any NativeConnection: its logger at LOG_LEVEL, and no
 * signal handlers of its own (regie's entry points shut the worker down in their own order).
 * Call once per process, before connectWorkerConnection. The runtime shuts itself down when its last
 * connection closes; call the returned function as well, for the case that none was ever opened
 * (an installed runtime keeps the process alive).
 */
export function installTemporalRuntime(logLevel: LogLevel): () => Promise<void> {
  const level = logLevel.toUpperCase() as Uppercase<LogLevel>;
  const runtime = Runtime.install({
    logger: new DefaultLogger(level),
    telemetryOptions: { logging: { filter: { core: level === 'TRACE' || level === 'DEBUG' ? level : 'WARN', other: 'ERROR' }, forward: {} } },
    shutdownSignals: [],
  });
  return () => runtime.shutdown();
}

async function retry<T>(what: string, { timeoutMs = 60_000, log = () => undefined, signal }: ConnectOptions, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let logged = false;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() >= deadline || signal?.aborted || !isTransient(error)) {
        throw new Error(`Could not connect to ${what}: ${(error as Error).message}`, { cause: error });
      }
      if (!logged) log(`Waiting for ${what}: ${(error as Error).message}`);
      logged = true;
      await sleep(500);
    }
  }
}

/** Worth retrying: the server is not (yet) reachable or not ready; not: bad credentials, unknown namespace for good. */
function isTransient(error: unknown): boolean {
  const message = String((error as Error)?.message ?? error);
  const code = (error as { code?: number })?.code;
  if (code === 16 /* UNAUTHENTICATED */ || code === 7 /* PERMISSION_DENIED */) return false;
  return !/unauthenticated|permission denied|invalid (api key|token)|certificate/i.test(message);
}
