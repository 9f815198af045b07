/**
 * The worker's warm-up of its database client (worker/warm-up.ts): ready against a running PostgreSQL,
 * and neither an error nor a wait beyond its limit when the database is down or does not answer.
 */
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createPrismaClient } from '../../db/client';
import { warmUpDatabase } from '../../worker/warm-up';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db.drop();
});

test('against a running database the client is ready', async () => {
  expect(await warmUpDatabase(db.prisma)).toBe('ready');
});

test('a database that refuses connections leaves the worker to start: unreachable, not an error', async () => {
  const closed = await freePort();
  const prisma = createPrismaClient(`postgresql://regie:regie@127.0.0.1:${closed}/regie`);
  try {
    expect(await warmUpDatabase(prisma)).toBe('unreachable');
  } finally {
    await prisma.$disconnect();
  }
});

test('a database that accepts the connection and never answers holds the worker up no longer than the limit', async () => {
  // A listener that takes connections and says nothing: pg waits for the server's first message.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const prisma = createPrismaClient(`postgresql://regie:regie@127.0.0.1:${(silent.address() as AddressInfo).port}/regie`);
  try {
    const started = Date.now();
    expect(await warmUpDatabase(prisma, 300)).toBe('slow');
    expect(Date.now() - started).toBeLessThan(2_000);
  } finally {
    for (const socket of sockets) socket.destroy();
    await close(silent);
    await prisma.$disconnect();
  }
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
