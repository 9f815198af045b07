import { CSRF_FORM_FIELD } from '../csrf';
import { usePage } from '../page-context';

/** The hidden field every POST form carries. */
export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name={CSRF_FORM_FIELD} value={csrfToken} />;
}
