import { z } from 'zod';

/** People are known by their email address in lower case (person.email is stored that way). */
export const emailAddressSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address, e.g. naam@gemeente.nl' }).max(320));

/** The form an email address is looked up by: trimmed, lower case. */
export function normalizeEmail(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}
