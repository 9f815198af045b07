/**
 * One error shape for every refusal: `{ statusCode, error, message, issues?: [{ field, message }] }`.
 * Invalid input is 400 naming the field, unknown ids 404, a state that forbids the action 409;
 * PostgreSQL or Temporal unavailable 503 with Retry-After, Temporal not answering within the deadline 504.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { failureTypes, type FailureDetails } from '../domain/errors';
import { PlanError } from '../domain/tender-plan';
import { unavailability } from './unavailable';

export interface Issue {
  field: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: Issue[],
    /** Seconds, for 503: when to try again. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new HttpError(404, message);
export const unauthorized = (message = 'Sign in first') => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const conflict = (message: string) => new HttpError(409, message);
export const badRequest = (field: string, message: string) => new HttpError(400, `${field}: ${message}`, [{ field, message }]);

const statusByFailureType: Record<string, number> = {
  [failureTypes.invalidArgument]: 400,
  [failureTypes.planDoesNotFit]: 400,
  [failureTypes.forbidden]: 403,
  [failureTypes.notFound]: 404,
  [failureTypes.conflict]: 409,
};

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  429: 'Too Many Requests',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Seconds a client should wait before trying again when PostgreSQL or Temporal is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** The error body of every 4xx and 5xx answer, for the OpenAPI document. */
export const errorResponseSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('Error: the status, its reason, a message in words and, for invalid input, the fields');

/**
 * What the server says (as NotFound) when a workflow closed before or while it took an action: "workflow
 * execution already completed" when the action arrives after the end, "workflow update was aborted by
 * closing workflow" when an Update was admitted and the workflow closed before accepting it (Temporal
 * Server 1.29, service/history/workflow/update/errors.go).
 */
const closedWorkflow = /already completed|aborted by closing workflow/i;

/**
 * An action on a workflow that is not there. One that has closed is a conflict: the same action sent
 * twice at once, where the first closed the workflow (an accountability cycle's outcome), or an action
 * after the end. Only an unknown one is 404.
 */
function workflowGone(error: WorkflowNotFoundError): HttpError {
  if (closedWorkflow.test(error.message)) return conflict('Dit proces is al afgesloten: de actie is niet meer mogelijk');
  return notFound('No such workflow');
}

/** Maps what routes and workflows throw to an HTTP answer. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const issues = error.validation.map((v) => ({
      field: [context === 'body' ? '' : context, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.') || context || '(body)',
      message: v.message ?? 'invalid',
    }));
    return new HttpError(400, issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
  if (error instanceof PlanError) return badRequest(error.field, error.message);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const status = statusByFailureType[failure.type ?? ''] ?? 500;
    const field = (failure.details?.[0] as FailureDetails | undefined)?.field;
    return new HttpError(status, failure.message, status === 400 && field ? [{ field, message: failure.message }] : undefined);
  }
  if (error instanceof WorkflowNotFoundError) return workflowGone(error);
  const fastifyError = error as FastifyError;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return new HttpError(fastifyError.statusCode, fastifyError.message);
  }
  switch (unavailability(error)) {
    case 'unavailable':
      return new HttpError(503, 'De dienst is tijdelijk niet beschikbaar (database of Temporal); probeer het later opnieuw', undefined, RETRY_AFTER_SECONDS);
    case 'timeout':
      return new HttpError(504, 'Temporal antwoordde niet op tijd; de actie is mogelijk wel uitgevoerd: controleer de stand voor u het opnieuw probeert');
  }
  return new HttpError(500, 'Internal error');
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const http = toHttpError(error);
  // Unavailable or slow services are expected now and then: a warning, not a failure with its stack.
  if (http.statusCode === 503 || http.statusCode === 504) request.log.warn({ status: http.statusCode, cause: (error as Error)?.message?.slice(0, 500) }, 'service unavailable');
  else if (http.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  if (http.retryAfter !== undefined) void reply.header('retry-after', String(http.retryAfter));
  void reply.status(http.statusCode).send({
    statusCode: http.statusCode,
    error: reasons[http.statusCode] ?? 'Error',
    message: http.message,
    ...(http.issues ? { issues: http.issues } : {}),
  });
}
