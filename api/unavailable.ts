/**
 * Whether an error means a service regie depends on is unavailable (503, try again later) or did not
 * answer within the deadline (504), rather than a fault of the request or a bug (500). Walks the error's
 * causes: Prisma wraps the `pg` driver's errors, Temporal's client wraps gRPC's.
 */
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

export type Unavailability = 'unavailable' | 'timeout';

/** gRPC status codes (grpc/status.h): DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
const grpcStatus = { DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

/** Prisma's connection and pool errors (https://www.prisma.io/docs/orm/reference/error-reference). */
const PRISMA_UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** Prisma driver adapter error kinds (@prisma/driver-adapter-utils) that mean the database is not there. */
const ADAPTER_UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);
/** Socket errors of Node.js. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);
/** PostgreSQL SQLSTATEs: connection exception (08), shutting down / cannot connect now (57P01-57P03), too many connections. */
const PG_UNAVAILABLE = /^(08\d{3}|57P0[1-3]|53300)$/;
/** What `pg` says when the server goes away without a socket error code. */
const PG_CONNECTION_MESSAGES = /Can't reach database server|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (shutting down|starting up)/i;

/** Temporal did not answer a request within its deadline, nor a health check after it: not there. */
export class TemporalUnreachable extends Error {
  constructor(cause: unknown) {
    super('Temporal is unreachable', { cause });
    this.name = 'TemporalUnreachable';
  }
}

export function unavailability(error: unknown): Unavailability | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const found = classify(e);
    if (found) return found;
    const { cause, errors, meta } = e as { cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };
    queue.push(cause, meta?.driverAdapterError);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return undefined;
}

function classify(e: object): Unavailability | undefined {
  if (e instanceof TemporalUnreachable) return 'unavailable';
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'timeout';
  if (isGrpcServiceError(e)) {
    if (e.code === grpcStatus.DEADLINE_EXCEEDED) return 'timeout';
    if (e.code === grpcStatus.UNAVAILABLE || e.code === grpcStatus.RESOURCE_EXHAUSTED) return 'unavailable';
    return undefined;
  }
  const { name, code, kind, message } = e as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown };
  if (name === 'PrismaClientInitializationError') return 'unavailable';
  if (typeof code === 'string' && (PRISMA_UNAVAILABLE_CODES.has(code) || SOCKET_CODES.has(code) || PG_UNAVAILABLE.test(code))) return 'unavailable';
  if (typeof kind === 'string' && ADAPTER_UNAVAILABLE_KINDS.has(kind)) return 'unavailable';
  if (kind === 'postgres' && typeof (e as { code?: unknown }).code === 'string' && PG_UNAVAILABLE.test((e as { code: string }).code)) return 'unavailable';
  if (typeof message === 'string' && PG_CONNECTION_MESSAGES.test(message)) return 'unavailable';
  return undefined;
}
