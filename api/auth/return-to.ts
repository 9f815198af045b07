/**
 * Where a person goes after signing in: only a path on this site. Anything that a browser could read as
 * another host (`//evil.example`, `/\evil.example`, `https://…`, control characters) is refused, so a
 * sign-in link cannot be used to send someone elsewhere (an open redirect).
 */

/** The largest returnTo accepted. */
export const RETURN_TO_MAX_LENGTH = 2000;

/** Why `value` is not a safe returnTo, or undefined when it is. */
export function unsafeReturnToReason(value: string): string | undefined {
  if (value.length > RETURN_TO_MAX_LENGTH) return `must be at most ${RETURN_TO_MAX_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return 'must not contain control characters or backslashes';
  if (!value.startsWith('/') || value.startsWith('//')) return 'must be a path on this site, starting with a single /';
  // The URL parser is the browser's view: the path must stay on the origin it is resolved against.
  const base = 'http://regie.invalid';
  if (new URL(value, base).origin !== base) return 'must be a path on this site, starting with a single /';
  return undefined;
}

/** `value` when it is a safe path on this site, else `/`. */
export function safeReturnTo(value: string | null | undefined): string {
  return value && unsafeReturnToReason(value) === undefined ? value : '/';
}
