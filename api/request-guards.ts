/**
 * Guards every route shares, installed once by api/server.ts:
 * - a NUL character in any string input (query, path, body) is refused with 400 naming the field:
 *   PostgreSQL cannot store it in text, so it would otherwise fail deep inside as a 500;
 * - every call to Temporal made while handling a request has a deadline (504 past it, api/errors.ts);
 * - every route documents its error answers (4xx, 5xx) in the OpenAPI document, and a success answer.
 */
import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { badRequest, errorResponseSchema } from './errors';
import { TemporalUnreachable, unavailability } from './unavailable';

/** Whether Temporal's frontend answers a health check within a second. */
async function temporalAnswers(temporal: Client): Promise<boolean> {
  const health = (temporal.connection as Partial<Pick<Connection, 'healthService'>>).healthService;
  if (!health) return true;
  try {
    await temporal.connection.withDeadline(Date.now() + 1_000, () => health.check({}));
    return true;
  } catch {
    return false;
  }
}

/** The path of the first string in `value` that holds a NUL character, e.g. `commissioners.0.organisation`. */
export function findNulCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\0')].join('.');
      const found = findNulCharacter(inner, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function installRequestGuards(app: FastifyInstance, temporal: Client, temporalDeadlineMs: number): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['query', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      const field = findNulCharacter(value);
      if (field !== undefined) throw badRequest(where === 'body' ? field : `${where}.${field}`.replace(/\.\(body\)$/, ''), 'must not contain a NUL character (\\u0000)');
    }
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean }) | undefined;
    if (schema?.hide) return;
    const response = { ...((schema?.response as Record<string, unknown> | undefined) ?? {}) };
    const hasSuccess = Object.keys(response).some((code) => code.startsWith('2'));
    route.schema = {
      ...schema,
      response: {
        ...(hasSuccess ? {} : { '2xx': z.unknown().describe('See the summary') }),
        ...response,
        '4xx': errorResponseSchema,
        '5xx': errorResponseSchema,
      },
    };
    const handler = route.handler;
    route.handler = async function withTemporalDeadline(this: FastifyInstance, request, reply) {
      try {
        return await temporal.connection.withDeadline(Date.now() + temporalDeadlineMs, async () => handler.call(this, request, reply));
      } catch (error) {
        // The client retries an unreachable server until the deadline: tell "not there" (503) from "slow" (504).
        if (unavailability(error) === 'timeout' && !(await temporalAnswers(temporal))) throw new TemporalUnreachable(error);
        throw error;
      }
    };
  });
}
