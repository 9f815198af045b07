/**
 * What the API answers when the workflow an action is for is not there (api/errors.ts): a workflow
 * that has closed is a conflict, an unknown one is not found.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { toHttpError } from '../../api/errors';

test('an action on a workflow that has closed is refused as a conflict (409)', () => {
  // The dev server's answer to an Update sent to a completed workflow (Temporal Server 1.29).
  const answer = toHttpError(new WorkflowNotFoundError('workflow execution already completed', 'contract-x-accountability-p1', undefined));
  expect(answer.statusCode).toBe(409);
  expect(answer.message).toMatch(/al afgesloten/);
});

test('an Update the workflow closed on before accepting it is refused as a conflict (409), not as unknown', () => {
  // The server's answer when an Update was admitted and the workflow completed before taking it: the
  // second of two identical Updates sent at once, where the first closed the workflow.
  const answer = toHttpError(new WorkflowNotFoundError('workflow update was aborted by closing workflow', 'contract-x-accountability-p1', undefined));
  expect(answer.statusCode).toBe(409);
  expect(answer.message).toMatch(/al afgesloten/);
});

test('an action on a workflow that does not exist is not found (404)', () => {
  const answer = toHttpError(new WorkflowNotFoundError('workflow not found for ID: contract-y', 'contract-y', undefined));
  expect(answer.statusCode).toBe(404);
});
