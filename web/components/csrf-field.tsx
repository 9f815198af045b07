import { usePage } from '../page-context';

/** The name the CSRF protection reads a form's token from (@fastify/csrf-protection's default). */
export const CSRF_FIELD = '_csrf';

/** The hidden field every POST form carries. */
export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name={CSRF_FIELD} value={csrfToken} />;
}
