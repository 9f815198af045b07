/**
 * Failure types that workflows raise for a refused action and the API maps to HTTP statuses
 * (workflows raise them as ApplicationFailure with this type and, for invalid input, the field).
 */
export const failureTypes = {
  invalidArgument: 'InvalidArgument', // 400
  forbidden: 'Forbidden', // 403
  notFound: 'NotFound', // 404
  conflict: 'Conflict', // 409
  planDoesNotFit: 'PlanDoesNotFit', // 400 on the launch input
} as const;
export type FailureType = (typeof failureTypes)[keyof typeof failureTypes];

export interface FailureDetails {
  field?: string;
  [key: string]: unknown;
}
