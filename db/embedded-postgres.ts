import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_APPLICATION_NAME } from './prepared-statements';

// Embedded PostgreSQL for running regie without a database server: PGlite (Postgres compiled to
// WebAssembly) served over the Postgres wire protocol on 127.0.0.1, so `pg`, Prisma's pg adapter and
// psql connect to it as to any PostgreSQL.
//
// PGlite is ONE Postgres session. We deliberately do not use PGLiteSocketServer from
// @electric-sql/pglite-socket (0.2.17): with maxConnections > 1 it interleaves the extended-protocol
// messages (Parse/Bind/Execute/Sync) of different connections, so one connection can execute another's
// statement — we saw an INSERT reported as successful that never happened (electric-sql/pglite#1046);
// with the default maxConnections of 1 every pool with more than one connection fails ("Too many
// connections"). Instead SharedSession below lends the session to one connection at a time.
//
// Caveats, because all connections share that one session:
// - A transaction holds the database: other connections wait until it commits or rolls back. Code that
//   waits for a second connection while its own transaction is open (e.g. using the outer Prisma client
//   inside an interactive `$transaction`) hangs forever instead of merely blocking on a row lock.
// - Session state is shared: SET, named prepared statements, temp tables, LISTEN and advisory locks
//   (re-entrant across connections, so they do not exclude each other; prisma/migrate.ts copes).
// - One process per data directory: a lock file next to it refuses a second process.

export interface EmbeddedPostgres {
  /** postgresql://… URL of the server on 127.0.0.1. */
  url: string;
  /** Closes all connections, stops the server and closes the database (flushing it to dataDir). */
  stop(): Promise<void>;
}

/** Starts PGlite persisted in `dataDir` ('memory://' for a throw-away database) on 127.0.0.1:`port` (0: a free port). */
export async function startEmbeddedPostgres({ dataDir, port = 0 }: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> {
  const unlock = dataDir.startsWith('memory://') ? () => undefined : lockDataDir(dataDir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(dataDir);
    const session = new SharedSession(db);
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      serveConnection(socket, session);
    });
    await listen(server, port);
    const { port: boundPort } = server.address() as AddressInfo;
    const database = db;
    return {
      // application_name tells db/client.ts not to name statements (one session for every connection).
      url: `postgresql://postgres:postgres@127.0.0.1:${boundPort}/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`,
      async stop() {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    await db?.close();
    unlock();
    throw error;
  }
}

/** A client connection, as far as the shared session is concerned. */
interface Connection {
  closed: boolean;
}

const READY_FOR_QUERY = 0x5a; // 'Z' Int32(5) status: 'I' idle, 'T' in transaction, 'E' failed transaction
const IDLE = 0x49; // 'I'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]); // 'S' Int32(4)

/**
 * Lends PGlite's single session to one connection at a time: from the connection's first message until
 * Postgres reports ReadyForQuery with status idle. So an extended-protocol batch up to its Sync, and a
 * whole transaction up to COMMIT/ROLLBACK, run without other connections' messages in between.
 */
class SharedSession {
  private owner: Connection | null = null;
  private readonly waiting: { connection: Connection; grant: () => void }[] = [];

  constructor(private readonly db: PGlite) {}

  /** Executes one frontend message for `connection`, passing the response bytes to `write`. */
  async execute(connection: Connection, message: Uint8Array, write: (data: Buffer) => void): Promise<void> {
    await this.acquire(connection);
    if (connection.closed) return this.disconnect(connection);
    let tail = Buffer.alloc(0);
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (data) => {
          const bytes = Buffer.from(data);
          write(bytes);
          tail = Buffer.concat([tail, bytes]).subarray(-6);
        },
      }),
    );
    const idle = tail.length === 6 && tail[0] === READY_FOR_QUERY && tail.readInt32BE(1) === 5 && tail[5] === IDLE;
    if (idle) this.release();
  }

  /** Ends what a vanished connection left open (half a batch, a transaction), as Postgres would, and moves on. */
  async disconnect(connection: Connection): Promise<void> {
    const index = this.waiting.findIndex((waiter) => waiter.connection === connection);
    if (index >= 0) this.waiting.splice(index, 1);
    if (this.owner !== connection) return;
    try {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }));
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } finally {
      this.release();
    }
  }

  private acquire(connection: Connection): Promise<void> {
    if (this.owner === null || this.owner === connection) {
      this.owner = connection;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ connection, grant }));
  }

  private release(): void {
    const next = this.waiting.shift();
    this.owner = next?.connection ?? null;
    next?.grant();
  }
}

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const TERMINATE = 0x58; // 'X'

/** Splits the byte stream of one client into messages and executes them in order on the shared session. */
function serveConnection(socket: Socket, session: SharedSession): void {
  const connection: Connection = { closed: false };
  let buffered = Buffer.alloc(0);
  let startupDone = false; // before the StartupMessage, packets carry no type byte
  let work = Promise.resolve();
  const write = (data: Buffer | string) => {
    if (socket.writable) socket.write(data);
  };
  const handle = async (message: Buffer, typed: boolean) => {
    if (!typed) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return write('N'); // no encryption on loopback
      if (code !== PROTOCOL_3) return void socket.end(); // CancelRequest and the like: not supported
    } else if (message[0] === TERMINATE) {
      return void socket.end(); // 'close' below releases the session
    }
    await session.execute(connection, message, write);
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const typed = startupDone;
      const headerLength = typed ? 5 : 8;
      if (buffered.length < headerLength) return;
      const length = typed ? 1 + buffered.readInt32BE(1) : buffered.readInt32BE(0);
      if (length < headerLength) return void socket.destroy(); // not the Postgres protocol
      if (buffered.length < length) return;
      const message = buffered.subarray(0, length);
      buffered = buffered.subarray(length);
      if (!typed && message.readInt32BE(4) === PROTOCOL_3) startupDone = true;
      work = work.then(() => handle(message, typed)).catch(() => void socket.destroy());
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    connection.closed = true;
    work = work.then(() => session.disconnect(connection)).catch(() => undefined);
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Claims `dataDir` for this process with `<dataDir>.lock` (PGlite itself does not; two processes would corrupt it). */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (isRunning(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${holder}. Run one process on it, ` +
            'or set DATABASE_URL to a PostgreSQL server that all processes share.',
          { cause: error },
        );
      }
      rmSync(lockFile, { force: true }); // left behind by a process that died
    }
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
