/**
 * A form's action refused by a service or a workflow, shown on the form: invalid input next to its field,
 * a refusal by state (409) or role (403) next to the form's main field. A missing or hidden thing (404)
 * and failures of the system (5xx) are not the form's to show: they become the error page.
 */
import { toHttpError } from '../../api/errors';
import type { FieldErrors } from './field-errors';

export function fieldErrorsOfFailure(error: unknown, fieldOf: (apiField: string) => string | undefined, mainField: string): FieldErrors {
  const http = toHttpError(error);
  if (http.statusCode === 400) {
    const errors: FieldErrors = {};
    for (const issue of http.issues ?? [{ field: '', message: http.message }]) {
      const name = fieldOf(issue.field) ?? mainField;
      errors[name] ??= issue.message;
    }
    return errors;
  }
  if (http.statusCode === 409 || http.statusCode === 403 || http.statusCode === 422) return { [mainField]: http.message };
  throw error;
}
