// Where the Temporal servers of the tests live. scripts/install-temporal.sh installs them into the
// same places (keep the two in step); this module only looks, and says how to install when missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.31.0';
/** A `temporal` on PATH is used if it bundles Temporal Server >= 1.29, as CLI 1.5.1 does. */
const MIN_SERVER_MINOR = 29;
const INSTALL_HINT = 'run npm run temporal:install';

export function regieCacheDir(): string {
  return process.env.REGIE_CACHE || path.join(os.homedir(), '.cache', 'regie');
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function fromEnv(name: string): string | undefined {
  const file = process.env[name];
  if (!file) return undefined;
  if (!isExecutableFile(file)) throw new Error(`${name}=${file} is not an executable file (unset it and ${INSTALL_HINT})`);
  return file;
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir || '.', command);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

/** `temporal --version` prints e.g. "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)". */
function isUsableCli(file: string): boolean {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    const m = /\(Server (\d+)\.(\d+)\./.exec(out);
    return !!m && (Number(m[1]) > 1 || Number(m[2]) >= MIN_SERVER_MINOR);
  } catch {
    return false;
  }
}

function cached(file: string, what: string): string {
  if (!isExecutableFile(file)) throw new Error(`${what} not found at ${file}: ${INSTALL_HINT}`);
  return file;
}

let cliPath: string | undefined;

/** The Temporal CLI: $TEMPORAL_CLI, else a recent enough `temporal` on PATH, else the cached build. */
export function temporalCliPath(): string {
  if (cliPath) return cliPath;
  const env = fromEnv('TEMPORAL_CLI');
  if (env) return env;
  const found = onPath('temporal');
  cliPath =
    found && isUsableCli(found)
      ? found
      : cached(path.join(regieCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal'), 'Temporal CLI');
  return cliPath;
}

/** The time-skipping test server: $TEMPORAL_TEST_SERVER, else the cached wrapper around the Java server. */
export function timeSkippingServerPath(): string {
  return (
    fromEnv('TEMPORAL_TEST_SERVER') ??
    cached(
      path.join(regieCacheDir(), `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`, 'test-server'),
      'Temporal time-skipping test server',
    )
  );
}
